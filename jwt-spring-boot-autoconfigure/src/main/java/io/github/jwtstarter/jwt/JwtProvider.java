package io.github.jwtstarter.jwt;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.util.Assert;

/**
 * One configured JWT provider: its id, issuer, own keys and decoder, the time checks
 * re-applied on a cache hit, how a verified token becomes an Authentication, and the
 * checks of sender-constrained tokens run on every request. Built by a
 * {@link JwtProviderFactory}.
 */
public final class JwtProvider implements Closeable {

	private final String id;

	private final String issuer;

	private final ProviderJwtDecoder decoder;

	private final JwtTimeValidator timeValidator;

	private final Converter<Jwt, ? extends AbstractAuthenticationToken> authenticationConverter;

	private final ProviderKeys keys;

	private final SenderConstraints senderConstraints;

	JwtProvider(String id, String issuer, ProviderKeys keys, ProviderJwtDecoder decoder, JwtTimeValidator timeValidator,
			Converter<Jwt, ? extends AbstractAuthenticationToken> authenticationConverter) {
		this(id, issuer, keys, decoder, timeValidator, authenticationConverter,
				SenderConstraints.defaults(Clock.systemUTC()));
	}

	JwtProvider(String id, String issuer, ProviderKeys keys, ProviderJwtDecoder decoder, JwtTimeValidator timeValidator,
			Converter<Jwt, ? extends AbstractAuthenticationToken> authenticationConverter,
			SenderConstraints senderConstraints) {
		Assert.hasText(id, "id cannot be empty");
		Assert.hasText(issuer, "issuer cannot be empty");
		Assert.notNull(keys, "keys cannot be null");
		Assert.notNull(decoder, "decoder cannot be null");
		Assert.notNull(timeValidator, "timeValidator cannot be null");
		Assert.notNull(authenticationConverter, "authenticationConverter cannot be null");
		Assert.notNull(senderConstraints, "senderConstraints cannot be null");
		this.id = id;
		this.issuer = issuer;
		this.keys = keys;
		this.decoder = decoder;
		this.timeValidator = timeValidator;
		this.authenticationConverter = authenticationConverter;
		this.senderConstraints = senderConstraints;
	}

	public String getId() {
		return this.id;
	}

	public String getIssuer() {
		return this.issuer;
	}

	/**
	 * Returns the provider's decoder: it verifies a token's signature with the provider's
	 * keys and runs its validators, without the verified-token cache and without the
	 * checks of sender-constrained tokens.
	 * @return the decoder
	 */
	public JwtDecoder getDecoder() {
		return this.decoder;
	}

	ProviderJwtDecoder decoder() {
		return this.decoder;
	}

	JwtTimeValidator getTimeValidator() {
		return this.timeValidator;
	}

	public Converter<Jwt, ? extends AbstractAuthenticationToken> getAuthenticationConverter() {
		return this.authenticationConverter;
	}

	/**
	 * Returns whether the provider accepts DPoP-bound tokens and the {@code DPoP} scheme.
	 * @return the mode
	 */
	public DPoPMode getDPoPMode() {
		return this.senderConstraints.getDPoPMode();
	}

	SenderConstraints getSenderConstraints() {
		return this.senderConstraints;
	}

	public ProviderKeys getKeys() {
		return this.keys;
	}

	@Override
	public void close() throws IOException {
		this.keys.close();
	}

	@Override
	public String toString() {
		return "JwtProvider[" + this.id + ", issuer=" + this.issuer + "]";
	}

}
