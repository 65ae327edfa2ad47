package io.github.jwtstarter.autoconfigure;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.jwtstarter.jwt.DPoPMode;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

import static io.github.jwtstarter.autoconfigure.JwtPropertiesValidator.invalid;
import static io.github.jwtstarter.autoconfigure.JwtPropertiesValidator.isHttpUrl;
import static io.github.jwtstarter.autoconfigure.JwtPropertiesValidator.positive;

/**
 * Checks a provider's {@code sender-constraint} properties at startup: the DPoP proof age
 * and replay cache, the shared replay store, the public origins and the server-provided
 * nonces (never printing the nonce secret). Part of {@link JwtPropertiesValidator}; each
 * failure names the full property path and the fix.
 */
final class SenderConstraintPropertiesValidator {

	private SenderConstraintPropertiesValidator() {
	}

	/**
	 * Checks one provider's sender-constraint properties.
	 * @param name the properties' path, {@code jwt.providers.<id>.sender-constraint}
	 * @param senderConstraint the properties
	 */
	static void validate(String name, JwtProperties.SenderConstraint senderConstraint) {
		positive(name + ".dpop-proof-max-age", senderConstraint.getDpopProofMaxAge().toMillis());
		positive(name + ".dpop-replay-cache-size", senderConstraint.getDpopReplayCacheSize());
		validateReplay(name, senderConstraint);
		validateNonces(name, senderConstraint);
	}

	private static void validateReplay(String name, JwtProperties.SenderConstraint senderConstraint) {
		Long quota = senderConstraint.getDpopReplayQuotaPerKey();
		if (quota != null) {
			positive(name + ".dpop-replay-quota-per-key", quota);
			if (quota > senderConstraint.getDpopReplayCacheSize()) {
				throw invalid(name + ".dpop-replay-quota-per-key", quota,
						"must not exceed " + name + ".dpop-replay-cache-size ("
								+ senderConstraint.getDpopReplayCacheSize()
								+ "): one client key would fill the replay cache for every other; lower it");
			}
		}
		if (!StringUtils.hasText(senderConstraint.getReplayStoreKeyPrefix())) {
			throw invalid(name + ".replay-store-key-prefix", senderConstraint.getReplayStoreKeyPrefix(),
					"must not be empty, e.g. jwt:dpop:");
		}
		positive(name + ".replay-store-timeout", senderConstraint.getReplayStoreTimeout().toMillis());
		List<String> origins = senderConstraint.getPublicOrigins();
		for (int i = 0; i < origins.size(); i++) {
			if (!isOrigin(origins.get(i))) {
				throw invalid(name + ".public-origins[" + i + "]", origins.get(i),
						"must be an http(s) origin without path, query or user info, e.g. https://api.example.com");
			}
		}
	}

	private static void validateNonces(String name, JwtProperties.SenderConstraint senderConstraint) {
		String secret = senderConstraint.getDpopNonceSecret();
		if (!senderConstraint.isDpopNonceRequired()) {
			if (secret != null) {
				throw invalid(name + ".dpop-nonce-secret", "(hidden)",
						"is set but " + name + ".dpop-nonce-required is false; set it to true to require DPoP nonces, "
								+ "or remove the secret");
			}
			return;
		}
		if (senderConstraint.getDpop() == DPoPMode.DISABLED) {
			throw invalid(name + ".dpop-nonce-required", true,
					"needs DPoP; set " + name + ".dpop to allowed or required, or remove dpop-nonce-required");
		}
		int length = (secret != null) ? secret.getBytes(StandardCharsets.UTF_8).length : 0;
		if (length < 32) {
			throw invalid(name + ".dpop-nonce-secret", (secret != null) ? "(hidden, " + length + " bytes)" : null,
					"DPoP nonces need a secret of at least 32 bytes, the same on every replica; set it from a "
							+ "secret store, e.g. ${DPOP_NONCE_SECRET} from a Kubernetes Secret (openssl rand "
							+ "-base64 48 makes one)");
		}
		if (senderConstraint.getDpopNonceLifetime().getSeconds() < 1) {
			throw invalid(name + ".dpop-nonce-lifetime", senderConstraint.getDpopNonceLifetime(),
					"must be at least 1s, e.g. 5m");
		}
	}

	private static boolean isOrigin(@Nullable String value) {
		if (value == null || !isHttpUrl(value)) {
			return false;
		}
		URI uri = URI.create(value);
		String path = uri.getRawPath();
		return uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawQuery() == null
				&& uri.getRawFragment() == null && (path == null || path.isEmpty() || "/".equals(path));
	}

}
