package io.github.jwtstarter.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureAfter;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Boot auto-configurations the starter orders itself against are named by class name
 * ({@code beforeName}, {@code afterName}), and Boot moves some of them between minor
 * versions: the resource server's moved from {@code …autoconfigure.servlet} in 4.0 to
 * {@code …autoconfigure} plus {@code …autoconfigure.web} in 4.1. A name that no longer
 * exists is silently ignored by Boot, and the ordering with it. These tests catch that:
 * every name is listed here with the Boot versions that ship it, the names of the running
 * Boot version must load, and a class renamed between versions is named in both forms.
 */
class BootAutoConfigurationNamesTests {

	private static final String RESOURCE_SERVER = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.";

	private static final String SECURITY = "org.springframework.boot.security.autoconfigure.";

	private static final String METRICS = "org.springframework.boot.micrometer.metrics.autoconfigure.";

	private static final String DATA_REDIS = "org.springframework.boot.data.redis.autoconfigure.";

	/** Boot auto-configuration class name to the Boot minor versions that ship it. */
	private static final Map<String, Set<String>> VERSIONS = Map.ofEntries(
			Map.entry(RESOURCE_SERVER + "servlet.OAuth2ResourceServerAutoConfiguration", Set.of("4.0")),
			Map.entry(RESOURCE_SERVER + "OAuth2ResourceServerAutoConfiguration", Set.of("4.1")),
			Map.entry(RESOURCE_SERVER + "web.OAuth2ResourceServerWebSecurityAutoConfiguration", Set.of("4.1")),
			Map.entry(RESOURCE_SERVER + "reactive.ReactiveOAuth2ResourceServerAutoConfiguration", Set.of("4.0", "4.1")),
			Map.entry(RESOURCE_SERVER + "web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration",
					Set.of("4.1")),
			Map.entry(SECURITY + "ReactiveUserDetailsServiceAutoConfiguration", Set.of("4.0", "4.1")),
			Map.entry(SECURITY + "web.reactive.ReactiveWebSecurityAutoConfiguration", Set.of("4.0", "4.1")),
			Map.entry(SECURITY + "actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
					Set.of("4.0", "4.1")),
			Map.entry(SECURITY + "SecurityAutoConfiguration", Set.of("4.0", "4.1")),
			Map.entry(SECURITY + "UserDetailsServiceAutoConfiguration", Set.of("4.0", "4.1")),
			Map.entry(SECURITY + "web.servlet.ServletWebSecurityAutoConfiguration", Set.of("4.0", "4.1")),
			Map.entry(SECURITY + "actuate.web.servlet.ManagementWebSecurityAutoConfiguration", Set.of("4.0", "4.1")),
			Map.entry(METRICS + "MetricsAutoConfiguration", Set.of("4.0", "4.1")),
			Map.entry(METRICS + "CompositeMeterRegistryAutoConfiguration", Set.of("4.0", "4.1")),
			Map.entry(METRICS + "export.simple.SimpleMetricsExportAutoConfiguration", Set.of("4.0", "4.1")),
			Map.entry("org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration", Set.of("4.0", "4.1")),
			Map.entry("org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration",
					Set.of("4.0", "4.1")),
			Map.entry(DATA_REDIS + "DataRedisAutoConfiguration", Set.of("4.0", "4.1")),
			Map.entry(DATA_REDIS + "DataRedisReactiveAutoConfiguration", Set.of("4.0", "4.1")));

	/** A Boot 4.0 class name to the Boot 4.1 class names that took over its job. */
	private static final Map<String, List<String>> RENAMED = Map.of(
			RESOURCE_SERVER + "servlet.OAuth2ResourceServerAutoConfiguration",
			List.of(RESOURCE_SERVER + "OAuth2ResourceServerAutoConfiguration",
					RESOURCE_SERVER + "web.OAuth2ResourceServerWebSecurityAutoConfiguration"));

	@Test
	void runningBootVersionIsOneTheNamesAreKnownFor() {
		assertThat(Set.of("4.0", "4.1"))
			.as("Boot %s: add its auto-configuration names to this test and to the " + "starter's beforeName/afterName",
					SpringBootVersion.getVersion())
			.contains(runningMinorVersion());
	}

	@Test
	void everyNamedBootAutoConfigurationIsKnownWithTheBootVersionsThatShipIt() {
		namesByAutoConfiguration().forEach((autoConfiguration, names) -> assertThat(VERSIONS.keySet())
			.as("Boot auto-configurations named by %s", autoConfiguration.getSimpleName())
			.containsAll(names));
	}

	@Test
	void everyNamedBootAutoConfigurationOfTheRunningBootVersionLoads() {
		String version = runningMinorVersion();
		namesByAutoConfiguration().forEach((autoConfiguration, names) -> {
			for (String name : names) {
				if (VERSIONS.getOrDefault(name, Set.of()).contains(version)) {
					assertThat(ClassUtils.isPresent(name, getClass().getClassLoader()))
						.as("%s, named by %s, exists in Boot %s", name, autoConfiguration.getSimpleName(),
								SpringBootVersion.getVersion())
						.isTrue();
				}
			}
		});
	}

	@Test
	void everyAutoConfigurationNamingAMovedClassNamesItInBothBootVersions() {
		namesByAutoConfiguration().forEach((autoConfiguration, names) -> RENAMED.forEach((boot40, boot41) -> {
			if (names.contains(boot40) || boot41.stream().anyMatch(names::contains)) {
				assertThat(names).as("Boot 4.0 and 4.1 names in %s", autoConfiguration.getSimpleName())
					.contains(boot40)
					.containsAll(boot41);
			}
		}));
	}

	@Test
	void starterOrdersItselfAgainstBootsResourceServerInEveryBootVersion() {
		Set<String> named = namesByAutoConfiguration().get(JwtAutoConfiguration.class);
		assertThat(named).containsAll(RENAMED.keySet());
		RENAMED.values().forEach((boot41) -> assertThat(named).containsAll(boot41));
	}

	private static String runningMinorVersion() {
		String version = SpringBootVersion.getVersion();
		assertThat(version).as("Spring Boot version").isNotNull();
		String[] parts = version.split("\\.");
		return parts[0] + "." + parts[1];
	}

	/**
	 * The starter's auto-configurations (from its imports file) with the class names they
	 * order themselves against.
	 */
	private static Map<Class<?>, Set<String>> namesByAutoConfiguration() {
		ClassLoader classLoader = BootAutoConfigurationNamesTests.class.getClassLoader();
		List<Class<?>> starters = new ArrayList<>();
		for (String candidate : ImportCandidates.load(AutoConfiguration.class, classLoader)) {
			if (candidate.startsWith("io.github.jwtstarter.")) {
				starters.add(ClassUtils.resolveClassName(candidate, classLoader));
			}
		}
		assertThat(starters).as("the starter's auto-configurations").isNotEmpty();
		Map<Class<?>, Set<String>> names = new LinkedHashMap<>();
		for (Class<?> starter : starters) {
			MergedAnnotations annotations = MergedAnnotations.from(starter);
			Set<String> named = new LinkedHashSet<>();
			named.addAll(List.of(annotations.get(AutoConfigureBefore.class).getStringArray("name")));
			named.addAll(List.of(annotations.get(AutoConfigureAfter.class).getStringArray("name")));
			// only Spring Boot's own classes move between Boot versions (Spring Cloud's
			// do not)
			named.removeIf((name) -> !name.startsWith("org.springframework.boot."));
			names.put(starter, named);
		}
		return names;
	}

}
