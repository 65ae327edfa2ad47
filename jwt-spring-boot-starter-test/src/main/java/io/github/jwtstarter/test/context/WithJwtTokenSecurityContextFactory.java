package io.github.jwtstarter.test.context;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.test.tokens.JwtTestTokenBuilder;
import io.github.jwtstarter.test.tokens.JwtTestTokens;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithSecurityContextFactory;
import org.springframework.util.Assert;

/**
 * Mints the token that a {@link WithJwtToken} describes and puts the Authentication of
 * the application's real verification of it into the security context.
 */
public final class WithJwtTokenSecurityContextFactory implements WithSecurityContextFactory<WithJwtToken> {

	private final JwtTestTokens tokens;

	private final JwtVerifier verifier;

	public WithJwtTokenSecurityContextFactory(JwtTestTokens tokens, JwtVerifier verifier) {
		Assert.notNull(tokens, "tokens cannot be null");
		Assert.notNull(verifier, "verifier cannot be null");
		this.tokens = tokens;
		this.verifier = verifier;
	}

	@Override
	public SecurityContext createSecurityContext(WithJwtToken annotation) {
		JwtTestTokenBuilder token = annotation.provider().isEmpty() ? this.tokens.provider()
				: this.tokens.provider(annotation.provider());
		if (!annotation.tenant().isEmpty()) {
			token.tenant(annotation.tenant());
		}
		token.subject(annotation.subject());
		if (annotation.scopes().length > 0) {
			token.scopes(annotation.scopes());
		}
		token.claims(claims(annotation.claims()));
		String value = token.build().value();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		try {
			context.setAuthentication(this.verifier.verify(value, (provider) -> true).authentication());
		}
		catch (JwtVerificationException ex) {
			throw new IllegalStateException("The @WithJwtToken token was rejected by provider '"
					+ (annotation.provider().isEmpty() ? "(the only provider)" : annotation.provider()) + "': "
					+ ex.getFailure().description(), ex);
		}
		return context;
	}

	private static Map<String, Object> claims(String json) {
		try {
			return JSONObjectUtils.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException(
					"@WithJwtToken claims must be a JSON object, e.g. {\"org\": \"solo.io\"}", ex);
		}
	}

}
