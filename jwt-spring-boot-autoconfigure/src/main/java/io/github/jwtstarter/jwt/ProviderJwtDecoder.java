package io.github.jwtstarter.jwt;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.util.Assert;

/**
 * The {@link JwtDecoder} of one provider. Works like {@code NimbusJwtDecoder} (Nimbus
 * verifies the signature, Spring's validators check the claims) and adds what it lacks: a
 * decode of an already parsed token (the issuer lookup parses each token once) and a
 * {@link JwtFailure} reason on every rejection. The {@code typ} header is left to the
 * validators ({@link ProviderValidators}), as {@code NimbusJwtDecoder} does with
 * {@code validateType(false)}. Any failure, including key retrieval, is a
 * {@link JwtVerificationException}, never another exception.
 */
final class ProviderJwtDecoder implements JwtDecoder {

	private static final Log logger = LogFactory.getLog(ProviderJwtDecoder.class);

	private final String providerId;

	private final WarningRateLimit unavailableWarnings = new WarningRateLimit(Duration.ofMinutes(1));

	private final DefaultJWTProcessor<SecurityContext> processor;

	private final OAuth2TokenValidator<Jwt> validator;

	private final VerificationCrypto crypto;

	private final Converter<Map<String, Object>, Map<String, Object>> claimSetConverter = MappedJwtClaimSetConverter
		.withDefaults(Map.of());

	/**
	 * Creates a decoder.
	 * @param providerId the provider's id, for logs
	 * @param keys the provider's keys
	 * @param algorithms the accepted algorithms; empty means what the keys allow
	 * @param validator the header and claim validators
	 */
	ProviderJwtDecoder(String providerId, ProviderKeys keys, Set<JWSAlgorithm> algorithms,
			OAuth2TokenValidator<Jwt> validator) {
		this(providerId, keys, algorithms, validator, VerificationCrypto.jdk());
	}

	/**
	 * Creates a decoder whose signatures are checked by the given crypto.
	 * @param providerId the provider's id, for logs
	 * @param keys the provider's keys
	 * @param algorithms the accepted algorithms; empty means what the keys allow
	 * @param validator the header and claim validators
	 * @param crypto who checks signatures
	 */
	ProviderJwtDecoder(String providerId, ProviderKeys keys, Set<JWSAlgorithm> algorithms,
			OAuth2TokenValidator<Jwt> validator, VerificationCrypto crypto) {
		Assert.hasText(providerId, "providerId cannot be empty");
		Assert.notNull(keys, "keys cannot be null");
		Assert.notNull(algorithms, "algorithms cannot be null");
		Assert.notNull(crypto, "crypto cannot be null");
		ProviderKeySelector keySelector = new ProviderKeySelector(
				algorithms.isEmpty() ? keys.defaultAlgorithms() : algorithms, keys.source(), keys.isLocal(), crypto);
		Assert.notNull(validator, "validator cannot be null");
		this.providerId = providerId;
		this.crypto = crypto;
		this.processor = new DefaultJWTProcessor<>();
		this.processor.setJWSKeySelector(keySelector);
		this.processor.setJWSVerifierFactory(crypto.verifierFactory());
		// typ and claims are checked by the validators (JwtTypeValidator, Spring's claim
		// validators)
		this.processor.setJWSTypeVerifier((type, context) -> {
		});
		this.processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		this.validator = validator;
	}

	@Override
	public Jwt decode(String token) {
		return decode(token, JwtTokenParser.parse(token));
	}

	/**
	 * Verifies a token that {@link JwtTokenParser#parse(String)} has parsed.
	 * @param token the compact token
	 * @param parsed the parsed token
	 * @return the verified token
	 * @throws JwtVerificationException when the token is rejected
	 */
	Jwt decode(String token, SignedJWT parsed) {
		Jwt jwt = createJwt(token, parsed);
		OAuth2TokenValidatorResult result = this.validator.validate(jwt);
		if (result.hasErrors()) {
			throw JwtFailures.exception(result.getErrors());
		}
		return jwt;
	}

	private Jwt createJwt(String token, SignedJWT parsed) {
		JWTClaimsSet claimsSet;
		try {
			claimsSet = this.processor.process(parsed, null);
		}
		catch (KeySourceException ex) {
			if (this.unavailableWarnings.tryAcquire()) {
				logger.warn("JWT provider '" + this.providerId + "': no usable keys (" + ex.getClass().getSimpleName()
						+ "); repeated at most once a minute");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("JWT provider '" + this.providerId + "': no usable keys");
			}
			throw new JwtVerificationException(JwtFailure.KEYS_UNAVAILABLE, ex);
		}
		catch (BadJOSEException | JOSEException ex) {
			throw new JwtVerificationException(JwtFailure.BAD_SIGNATURE, ex);
		}
		catch (RuntimeException ex) {
			throw new JwtVerificationException(JwtFailure.INVALID, ex);
		}
		try {
			Map<String, Object> headers = new LinkedHashMap<>(parsed.getHeader().toJSONObject());
			Map<String, Object> claims = this.claimSetConverter.convert(claimsSet.getClaims());
			return Jwt.withTokenValue(token).headers((h) -> h.putAll(headers)).claims((c) -> c.putAll(claims)).build();
		}
		catch (RuntimeException ex) {
			throw new JwtVerificationException(JwtFailure.MALFORMED, ex);
		}
	}

	/**
	 * Returns who checks this decoder's signatures.
	 * @return the crypto in use
	 */
	VerificationCrypto getCrypto() {
		return this.crypto;
	}

	@Override
	public String toString() {
		return "ProviderJwtDecoder[" + this.providerId + "]";
	}

}
