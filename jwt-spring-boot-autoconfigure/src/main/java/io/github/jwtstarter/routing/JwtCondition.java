package io.github.jwtstarter.routing;

import java.util.Objects;
import java.util.regex.Pattern;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.jwt.ClaimPaths;
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
 *
 * @author jwt-spring-boot-starter
 */
public abstract class JwtCondition {

	JwtCondition() {
	}

	/**
	 * Tests an Authentication.
	 * @param authentication the request's Authentication, {@code null} for none
	 * @return whether it is an authenticated verified JWT that passes
	 */
	public final boolean test(@Nullable Authentication authentication) {
		return authentication instanceof JwtAuthenticationToken jwt && jwt.isAuthenticated() && test(jwt);
	}

	abstract boolean test(JwtAuthenticationToken authentication);

	public static JwtCondition claim(String name, String value) {
		return new ClaimEquals(name, value);
	}

	public static JwtCondition hasClaim(String name) {
		return new HasClaim(name);
	}

	public static JwtCondition claimMatches(String name, String regex) {
		return new ClaimMatches(name, regex);
	}

	public static JwtCondition provider(String id) {
		return new Provider(id);
	}

	public static JwtCondition authenticated() {
		return Authenticated.INSTANCE;
	}

	public static JwtCondition authority(String authority) {
		return new Authority(authority);
	}

	private static @Nullable Object claimValue(JwtAuthenticationToken authentication, String name) {
		return ClaimPaths.resolve(authentication.getToken().getClaims(), name);
	}

	private static final class ClaimEquals extends JwtCondition {

		private final String name;

		private final String value;

		ClaimEquals(String name, String value) {
			Assert.hasText(name, "name cannot be empty");
			Assert.notNull(value, "value cannot be null");
			this.name = name;
			this.value = value;
		}

		@Override
		boolean test(JwtAuthenticationToken authentication) {
			return ClaimValues.anyMatches(claimValue(authentication, this.name), this.value::equals);
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof ClaimEquals that && this.name.equals(that.name) && this.value.equals(that.value);
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

	private static final class HasClaim extends JwtCondition {

		private final String name;

		HasClaim(String name) {
			Assert.hasText(name, "name cannot be empty");
			this.name = name;
		}

		@Override
		boolean test(JwtAuthenticationToken authentication) {
			return claimValue(authentication, this.name) != null;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof HasClaim that && this.name.equals(that.name);
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

	private static final class ClaimMatches extends JwtCondition {

		private final String name;

		private final Pattern pattern;

		ClaimMatches(String name, String regex) {
			Assert.hasText(name, "name cannot be empty");
			Assert.notNull(regex, "regex cannot be null");
			this.name = name;
			this.pattern = Pattern.compile(regex);
		}

		@Override
		boolean test(JwtAuthenticationToken authentication) {
			return ClaimValues.anyMatches(claimValue(authentication, this.name),
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

	private static final class Provider extends JwtCondition {

		private final String id;

		Provider(String id) {
			Assert.hasText(id, "id cannot be empty");
			this.id = id;
		}

		@Override
		boolean test(JwtAuthenticationToken authentication) {
			return authentication instanceof ProviderJwtAuthenticationToken token && this.id.equals(token.getProviderId());
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Provider that && this.id.equals(that.id);
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

	private static final class Authority extends JwtCondition {

		private final String authority;

		Authority(String authority) {
			Assert.hasText(authority, "authority cannot be empty");
			this.authority = authority;
		}

		@Override
		boolean test(JwtAuthenticationToken authentication) {
			for (GrantedAuthority granted : authentication.getAuthorities()) {
				if (this.authority.equals(granted.getAuthority())) {
					return true;
				}
			}
			return false;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Authority that && this.authority.equals(that.authority);
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

	private static final class Authenticated extends JwtCondition {

		static final Authenticated INSTANCE = new Authenticated();

		@Override
		boolean test(JwtAuthenticationToken authentication) {
			return true;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Authenticated;
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

}
