package io.github.jwtstarter.routing;

import java.util.Locale;
import java.util.Objects;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.jwt.ClaimComparison;
import io.github.jwtstarter.jwt.ClaimCondition;
import io.github.jwtstarter.jwt.ClaimPath;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;

/**
 * A test of a request's verified JWT, shared by the request predicates and matchers of
 * every web stack ({@code routing.servlet}, {@code routing.reactive}) and by the gateway
 * integrations. A request without an authenticated {@link JwtAuthenticationToken} never
 * passes. Immutable, with value equality; the static factories are the only way to create
 * one.
 */
public sealed interface JwtCondition permits VerifiedJwtCondition {

	/**
	 * Tests an Authentication.
	 * @param authentication the request's Authentication, {@code null} for none
	 * @return whether it is an authenticated verified JWT that passes
	 */
	default boolean test(@Nullable Authentication authentication) {
		// every JwtCondition is a VerifiedJwtCondition: the interface is sealed
		return authentication instanceof JwtAuthenticationToken jwt && jwt.isAuthenticated()
				&& ((VerifiedJwtCondition) this).testVerified(jwt);
	}

	/**
	 * A claim equal to a value, compared as text ({@link ClaimComparison#TEXT}); for a
	 * list claim, an element equal to it.
	 * @param name the claim path (see "Claim paths" in docs/access-control.md)
	 * @param value the expected value, compared as text
	 * @return the condition
	 */
	static JwtCondition claim(String name, String value) {
		Assert.hasText(name, "name cannot be empty");
		Assert.notNull(value, "value cannot be null");
		return new Claim(ClaimCondition.of(name, ClaimComparison.TEXT, value));
	}

	/**
	 * A claim that satisfies a condition of any comparison.
	 * @param condition the condition
	 * @return the condition
	 */
	static JwtCondition claim(ClaimCondition condition) {
		Assert.notNull(condition, "condition cannot be null");
		return new Claim(condition);
	}

	/**
	 * A claim that is present.
	 * @param name the claim path
	 * @return the condition
	 */
	static JwtCondition hasClaim(String name) {
		Assert.hasText(name, "name cannot be empty");
		return new HasClaim(ClaimPath.of(name));
	}

	/**
	 * A claim whose value matches a regular expression entirely; for a list claim, an
	 * element that does.
	 * @param name the claim path
	 * @param regex the regular expression, compiled once
	 * @return the condition
	 */
	static JwtCondition claimMatches(String name, String regex) {
		Assert.hasText(name, "name cannot be empty");
		Assert.notNull(regex, "regex cannot be null");
		return new Claim(ClaimCondition.of(name, ClaimComparison.REGEX_MATCH, regex));
	}

	/**
	 * A token verified by the given provider.
	 * @param id the provider id ({@code jwt.providers.<id>})
	 * @return the condition
	 */
	static JwtCondition provider(String id) {
		Assert.hasText(id, "id cannot be empty");
		return new Provider(id);
	}

	/**
	 * A token verified by the given tenant of a multi-tenant provider.
	 * @param tenant the tenant, the part of the token's {@code iss} in place of the
	 * issuer's {@code {tenant}} placeholder
	 * @return the condition
	 */
	static JwtCondition tenant(String tenant) {
		Assert.hasText(tenant, "tenant cannot be empty");
		return new Tenant(tenant);
	}

	/**
	 * Any verified token.
	 * @return the condition
	 */
	static JwtCondition authenticated() {
		return Authenticated.INSTANCE;
	}

	/**
	 * A token whose Authentication holds the given authority.
	 * @param authority the authority, e.g. {@code SCOPE_pets.read}
	 * @return the condition
	 */
	static JwtCondition authority(String authority) {
		Assert.hasText(authority, "authority cannot be empty");
		return new Authority(authority);
	}

}

/**
 * What each condition checks, once {@link JwtCondition#test(Authentication)} has found an
 * authenticated verified JWT. Not public, so that no caller skips that check.
 */
sealed interface VerifiedJwtCondition extends JwtCondition
		permits Claim, HasClaim, Provider, Tenant, Authority, Authenticated {

	boolean testVerified(JwtAuthenticationToken authentication);

}

record Claim(ClaimCondition condition) implements VerifiedJwtCondition {

	@Override
	public boolean testVerified(JwtAuthenticationToken authentication) {
		return this.condition.matches(authentication.getToken().getClaims());
	}

	@Override
	public int hashCode() {
		return Objects.hash(Claim.class, this.condition);
	}

	@Override
	public String toString() {
		String comparison = switch (this.condition.getComparison()) {
			case TEXT -> "==";
			case REGEX_MATCH -> "matches";
			default -> this.condition.getComparison().name().toLowerCase(Locale.ROOT).replace('_', '-');
		};
		return "claim('" + this.condition.getPath() + "') " + comparison + " '" + this.condition.getValue() + "'";
	}

}

record HasClaim(ClaimPath name) implements VerifiedJwtCondition {

	@Override
	public boolean testVerified(JwtAuthenticationToken authentication) {
		return this.name.resolve(authentication.getToken().getClaims()) != null;
	}

	@Override
	public int hashCode() {
		return Objects.hash(HasClaim.class, this.name);
	}

	@Override
	public String toString() {
		return "hasClaim('" + this.name + "')";
	}

}

record Provider(String id) implements VerifiedJwtCondition {

	@Override
	public boolean testVerified(JwtAuthenticationToken authentication) {
		return authentication instanceof ProviderJwtAuthenticationToken token && this.id.equals(token.getProviderId());
	}

	@Override
	public int hashCode() {
		return Objects.hash(Provider.class, this.id);
	}

	@Override
	public String toString() {
		return "provider == '" + this.id + "'";
	}

}

record Tenant(String tenant) implements VerifiedJwtCondition {

	@Override
	public boolean testVerified(JwtAuthenticationToken authentication) {
		return authentication instanceof ProviderJwtAuthenticationToken token && this.tenant.equals(token.getTenant());
	}

	@Override
	public int hashCode() {
		return Objects.hash(Tenant.class, this.tenant);
	}

	@Override
	public String toString() {
		return "tenant == '" + this.tenant + "'";
	}

}

record Authority(String authority) implements VerifiedJwtCondition {

	@Override
	public boolean testVerified(JwtAuthenticationToken authentication) {
		for (GrantedAuthority granted : authentication.getAuthorities()) {
			if (this.authority.equals(granted.getAuthority())) {
				return true;
			}
		}
		return false;
	}

	@Override
	public int hashCode() {
		return Objects.hash(Authority.class, this.authority);
	}

	@Override
	public String toString() {
		return "hasAuthority('" + this.authority + "')";
	}

}

record Authenticated() implements VerifiedJwtCondition {

	static final Authenticated INSTANCE = new Authenticated();

	@Override
	public boolean testVerified(JwtAuthenticationToken authentication) {
		return true;
	}

	@Override
	public int hashCode() {
		return Authenticated.class.hashCode();
	}

	@Override
	public String toString() {
		return "authenticated";
	}

}
