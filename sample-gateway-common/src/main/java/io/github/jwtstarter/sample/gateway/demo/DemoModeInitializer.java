package io.github.jwtstarter.sample.gateway.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.jwtstarter.sample.gateway.upstream.EchoUpstream;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns on demo mode unless {@code demo.enabled=false}: starts the upstream services the
 * routes point at ({@code upstream.primary}, {@code upstream.canary},
 * {@code upstream.pets}) for each one not configured, and, when no provider issuer is
 * configured, a {@link DemoIdentityProvider} that {@code jwt.providers.corp} and
 * {@code jwt.providers.kube} trust. Prints ready-to-paste {@code curl} commands once the
 * web server is up.
 * <p>
 * Registered by {@code GatewaySampleApplication#main} only, so tests that build the
 * context themselves never see demo mode.
 */
public final class DemoModeInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * Property that switches demo mode off when {@code false}.
	 */
	public static final String ENABLED_PROPERTY = "demo.enabled";

	private static final List<String> UPSTREAMS = List.of("primary", "canary", "pets");

	private static final Log logger = LogFactory.getLog(DemoModeInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (!environment.getProperty(ENABLED_PROPERTY, Boolean.class, true)) {
			logger.debug("Demo mode off: " + ENABLED_PROPERTY + "=false");
			return;
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		List<EchoUpstream> upstreams = new ArrayList<>();
		for (String name : UPSTREAMS) {
			if (environment.getProperty("upstream." + name) == null) {
				EchoUpstream upstream = EchoUpstream.start(name);
				upstreams.add(upstream);
				properties.put("upstream." + name, upstream.uri());
			}
		}
		DemoIdentityProvider identityProvider = null;
		if (environment.getProperty("jwt.providers.corp.issuer") == null
				&& environment.getProperty("jwt.providers.kube.issuer") == null) {
			identityProvider = DemoIdentityProvider.start();
			properties.putAll(identityProvider.properties());
		}
		environment.getPropertySources().addFirst(new MapPropertySource("demoMode", properties));
		context.addApplicationListener(new DemoModeListener(context, identityProvider, upstreams));
	}

	static @Nullable String describe(List<EchoUpstream> upstreams) {
		return upstreams.isEmpty() ? null
				: String.join(", ", upstreams.stream().map((u) -> u.name() + " -> " + u.uri()).toList());
	}

}
