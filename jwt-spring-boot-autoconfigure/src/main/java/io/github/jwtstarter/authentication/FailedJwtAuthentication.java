package io.github.jwtstarter.authentication;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.jwtstarter.jwt.JwtFailure;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.util.Assert;

/**
 * The unauthenticated subject of a failed token, as Spring Security's authentication
 * failure events carry it: never the token itself. Its name is the id of the provider
 * that the token's (unverified) issuer named, or {@code unknown}; its details hold the
 * provider id and the failure reason's tag, which Spring Boot's audit events record.
 */
public final class FailedJwtAuthentication extends AbstractAuthenticationToken {

	private static final String UNKNOWN = "unknown";

	private final String name;

	/**
	 * Creates the subject of a failed token.
	 * @param providerId the provider the token's issuer named, {@code null} when none
	 * @param failure why the token failed
	 */
	public FailedJwtAuthentication(@Nullable String providerId, JwtFailure failure) {
		super(List.of());
		Assert.notNull(failure, "failure cannot be null");
		this.name = (providerId != null) ? providerId : UNKNOWN;
		Map<String, String> details = new LinkedHashMap<>();
		details.put("provider", this.name);
		details.put("reason", failure.tag());
		setDetails(Collections.unmodifiableMap(details));
		setAuthenticated(false);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.name;
	}

	@Override
	public String getName() {
		return this.name;
	}

}
