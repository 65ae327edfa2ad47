package io.github.jwtstarter.routing;

import java.util.Objects;
import java.util.regex.Pattern;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.jwt.ClaimPath;
import io.github.jwtstarter.jwt.ClaimValues;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;

/**
 * A test of a request's verified JWT, shared by the request predicates and matchers of
 * every web stack ({@code routing.servlet}, {@code routing.reactive}) and by the
 * gateway integrations. A request without an authenticated {@link JwtAuthenticationToken}
 * never passes. Immutable, with value equality; the static factories are the only way to
 * create one.
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
	 * A claim equal to a value; for a list claim, an element equal to it.
	 * @param name the claim path (see "Claim paths through keys that contain dots" in docs/kubernetes.md)
	 * @param value the expected value, compared as text
	 * @return the condition
	 */
	static JwtCondition claim(String name, String value) {
		Assert.hasText(name, "name cannot be empty");
		Assert.notNull(value, "value cannot be null");
		return new ClaimEquals(ClaimPath.of(name), value);
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
		return new ClaimMatches(ClaimPath.of(name), Pattern.compile(regex));
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
 * What each condition checks, once {@link JwtCondition#test(Authentication)} has found
 * an authenticated verified JWT. Not public, so that no caller skips that check.
 */
sealed interface VerifiedJwtCondition extends JwtCondition
		permits ClaimEquals, HasClaim, ClaimMatches, Provider, Tenant, Authority, Authenticated {

	boolean testVerified(JwtAuthenticationToken authentication);

	static @Nullable Object claimValue(JwtAuthenticationToken authentication, ClaimPath name) {
		return name.resolve(authentication.getToken().getClaims());
	}

}

record ClaimEquals(ClaimPath name, String value) implements VerifiedJwtCondition {

	@Override
	public boolean testVerified(JwtAuthenticationToken authentication) {
		return ClaimValues.anyMatches(VerifiedJwtCondition.claimValue(authentication, this.name), this.value::equals);
	}

	@Override
	public int hashCode() {
		return Objects.hash(ClaimEquals.class, this.name, this.value);
	}

	@Override
	public String toString() {
		return "claim('" + this.name + "') == '" + this.value + "'";
	}

}

record HasClaim(ClaimPath name) implements VerifiedJwtCondition {

	@Override
	public boolean testVerified(JwtAuthenticationToken authentication) {
		return VerifiedJwtCondition.claimValue(authentication, this.name) != null;
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

/**
 * Equal when the regular expressions are the same text ({@link Pattern} has no value
 * equality).
 */
record ClaimMatches(ClaimPath name, Pattern pattern) implements VerifiedJwtCondition {

	@Override
	public boolean testVerified(JwtAuthenticationToken authentication) {
		return ClaimValues.anyMatches(VerifiedJwtCondition.claimValue(authentication, this.name),
				(text) -> this.pattern.matcher(text).matches());
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ClaimMatches that && this.name.equals(that.name)
				&& this.pattern.pattern().equals(that.pattern.pattern());
	}

	@Override
	public int hashCode() {
		return Objects.hash(ClaimMatches.class, this.name, this.pattern.pattern());
	}

	@Override
	public String toString() {
		return "claim('" + this.name + "') matches '" + this.pattern.pattern() + "'";
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
