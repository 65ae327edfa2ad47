package io.github.jwtstarter.autoconfigure;

import java.util.concurrent.atomic.AtomicReference;

import io.github.jwtstarter.jwt.ProviderKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Maps a provider's {@code jwks.ssl-bundle} and {@code jwks.bearer-token-location} to the
 * {@link ProviderKeys.Access} of its discovery and JWKS requests. An unknown bundle or a
 * token file that does not exist fails startup naming the property; a bundle that Spring
 * Boot reloads (its {@code reload-on-update}) is used from the next request on, and the
 * bundle's options (enabled protocols and cipher suites) apply to every connection
 * (Boot's HTTP client builder applies them).
 */
final class JwksAccessMapper {

	private final ResourceLoader resourceLoader;

	private final @Nullable SslBundles sslBundles;

	JwksAccessMapper(ResourceLoader resourceLoader, @Nullable SslBundles sslBundles) {
		this.resourceLoader = resourceLoader;
		this.sslBundles = sslBundles;
	}

	ProviderKeys.Access access(String id, JwtProperties.Jwks jwks) {
		String name = "jwt.providers." + id + ".jwks";
		AtomicReference<SslBundle> sslBundle = null;
		if (StringUtils.hasText(jwks.getSslBundle())) {
			sslBundle = sslBundle(name + ".ssl-bundle", jwks.getSslBundle());
		}
		Resource bearerToken = null;
		if (StringUtils.hasText(jwks.getBearerTokenLocation())) {
			bearerToken = bearerToken(name + ".bearer-token-location", jwks.getBearerTokenLocation());
		}
		return new ProviderKeys.Access((sslBundle != null) ? sslBundle::get : null, bearerToken);
	}

	private AtomicReference<SslBundle> sslBundle(String name, String bundleName) {
		if (this.sslBundles == null) {
			throw JwtPropertiesValidator.invalid(name, bundleName,
					"no SSL bundles are available (SslAutoConfiguration is excluded or replaced); "
							+ "define the bundle under spring.ssl.bundle.pem." + bundleName);
		}
		try {
			AtomicReference<SslBundle> bundle = new AtomicReference<>(this.sslBundles.getBundle(bundleName));
			this.sslBundles.addBundleUpdateHandler(bundleName, bundle::set);
			return bundle;
		}
		catch (NoSuchSslBundleException ex) {
			throw JwtPropertiesValidator.invalid(name, bundleName,
					"no SSL bundle of this name; define it under spring.ssl.bundle.pem." + bundleName
							+ " (or spring.ssl.bundle.jks." + bundleName + "), or use one of "
							+ this.sslBundles.getBundleNames());
		}
	}

	private Resource bearerToken(String name, String location) {
		Resource resource = this.resourceLoader.getResource(location);
		if (!resource.exists() || !resource.isReadable()) {
			throw JwtPropertiesValidator.invalid(name, location,
					"no readable file there; point it at the token file, e.g. "
							+ "file:/var/run/secrets/kubernetes.io/serviceaccount/token");
		}
		return resource;
	}

}
