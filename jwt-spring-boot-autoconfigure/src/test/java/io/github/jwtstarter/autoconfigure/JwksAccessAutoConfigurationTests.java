package io.github.jwtstarter.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.jwt.JwtProviderRegistry;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.test.KubernetesTokens;
import io.github.jwtstarter.test.TestCertificates;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Startup checks of {@code jwks.ssl-bundle}, {@code jwks.bearer-token-location} and claim
 * paths: each mistake fails startup naming the property.
 */
class JwksAccessAutoConfigurationTests {

	private static final RSAKey KEY = TestKeys.rsa("k1");

	private static final String ISSUER = "https://kubernetes.default.svc.cluster.local";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, JwtAutoConfiguration.class));

	@TempDir
	Path directory;

	private String clusterBundle() {
		return "spring.ssl.bundle.pem.cluster.truststore.certificate="
				+ TestCertificates.tlsFiles().caCertificate().toUri();
	}

	@Test
	void knownSslBundleAndTokenFileStart() throws IOException {
		Path token = Files.writeString(this.directory.resolve("token"), "abc");
		this.contextRunner
			.withPropertyValues(clusterBundle(), "jwt.providers.kube.issuer=" + ISSUER,
					"jwt.providers.kube.jwks.ssl-bundle=cluster",
					"jwt.providers.kube.jwks.bearer-token-location=" + token.toUri())
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JwtProviderRegistry.class));
	}

	@Test
	void unknownSslBundleFailsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues(clusterBundle(), "jwt.providers.kube.issuer=" + ISSUER,
					"jwt.providers.kube.jwks.ssl-bundle=clustr")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jwt.providers.kube.jwks.ssl-bundle")
				.hasMessageContaining("clustr")
				.hasMessageContaining("spring.ssl.bundle.pem.clustr")
				.hasMessageContaining("[cluster]"));
	}

	@Test
	void sslBundleWithoutSslAutoConfigurationFailsStartupNamingTheProperty() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class))
			.withPropertyValues("jwt.providers.kube.issuer=" + ISSUER, "jwt.providers.kube.jwks.ssl-bundle=cluster")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.kube.jwks.ssl-bundle"));
	}

	@Test
	void missingBearerTokenFileFailsStartupNamingTheProperty() {
		String missing = this.directory.resolve("no-such-token").toUri().toString();
		this.contextRunner
			.withPropertyValues("jwt.providers.kube.issuer=" + ISSUER,
					"jwt.providers.kube.jwks.bearer-token-location=" + missing)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jwt.providers.kube.jwks.bearer-token-location"));
	}

	@Test
	void sslBundleWithLocalKeysFailsStartup() {
		this.contextRunner.withPropertyValues(clusterBundle(), "jwt.providers.kube.issuer=" + ISSUER,
				"jwt.providers.kube.jwks.local=" + TestKeys.toPem(KEY), "jwt.providers.kube.jwks.ssl-bundle=cluster")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.kube.jwks.ssl-bundle")
				.hasMessageContaining("https only"));
	}

	@Test
	void bearerTokenOverPlainHttpFailsStartup() throws IOException {
		Path token = Files.writeString(this.directory.resolve("token"), "abc");
		this.contextRunner
			.withPropertyValues("jwt.providers.kube.issuer=http://kubernetes.example",
					"jwt.providers.kube.jwks.bearer-token-location=" + token.toUri())
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.kube.jwks.bearer-token-location")
				.hasMessageContaining("use an https URL"));
	}

	@Test
	void malformedClaimPathFailsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("jwt.providers.kube.issuer=" + ISSUER,
					"jwt.providers.kube.jwks.local=" + TestKeys.toPem(KEY),
					"jwt.providers.kube.authorities[0].claim=[kubernetes.io.serviceaccount.name")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.kube.authorities[0].claim")
				.hasMessageContaining("unclosed"));
	}

	@Test
	void requiredClaimWithDottedKeyChecksTheNestedClaim() {
		this.contextRunner
			.withPropertyValues("jwt.providers.kube.issuer=" + ISSUER,
					"jwt.providers.kube.jwks.local=" + TestKeys.toPem(KEY),
					"jwt.providers.kube.required-claims.kubernetes.io.namespace=default")
			.run((context) -> {
				JwtVerifier verifier = context.getBean(JwtVerifier.class);
				String inDefault = KubernetesTokens.projected(ISSUER, "default", "svc-a").signWith(KEY);
				String inOther = KubernetesTokens.projected(ISSUER, "other", "svc-a").signWith(KEY);
				assertThat(verifier.verify(inDefault, (provider) -> true).authentication().getName())
					.isEqualTo("system:serviceaccount:default:svc-a");
				assertThatExceptionOfType(JwtVerificationException.class)
					.isThrownBy(() -> verifier.verify(inOther, (provider) -> true));
			});
	}

}
