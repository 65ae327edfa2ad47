package io.github.jwtstarter.jwt;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An issuer with one {@value #PLACEHOLDER} placeholder, such as
 * {@code https://kc.example.com/realms/{tenant}}, and the tenants it accepts: an
 * allow-list of exact values, a regular expression the whole tenant must match, or by
 * default any one path segment.
 * <p>
 * Whatever the rule, a tenant is 1 to {@value #MAX_TENANT_LENGTH} characters that RFC
 * 3986 calls unreserved (letters, digits, {@code -}, {@code .}, {@code _}, {@code ~}) and
 * is neither {@code .} nor {@code ..}: a tenant taken from a token can never change the
 * structure of a URL it is put into (another host, path, query or fragment). Matching is
 * string work only, never a network call. Immutable.
 */
public final class IssuerTemplate {

	/**
	 * The placeholder of the tenant in an issuer or a JWK Set URL.
	 */
	public static final String PLACEHOLDER = "{tenant}";

	/**
	 * Longest accepted tenant.
	 */
	public static final int MAX_TENANT_LENGTH = 255;

	private final String template;

	private final String prefix;

	private final String suffix;

	private final Set<String> tenants;

	private final @Nullable Pattern tenantPattern;

	private IssuerTemplate(String template, Set<String> tenants, @Nullable Pattern tenantPattern) {
		int placeholder = template.indexOf(PLACEHOLDER);
		this.template = template;
		this.prefix = template.substring(0, placeholder);
		this.suffix = template.substring(placeholder + PLACEHOLDER.length());
		this.tenants = tenants;
		this.tenantPattern = tenantPattern;
	}

	/**
	 * Returns whether an issuer holds the {@value #PLACEHOLDER} placeholder.
	 * @param issuer the configured issuer
	 * @return whether it is a template
	 */
	public static boolean isTemplate(@Nullable String issuer) {
		return issuer != null && issuer.contains(PLACEHOLDER);
	}

	/**
	 * Creates a template that accepts any one path segment as tenant.
	 * @param template the issuer with exactly one {@value #PLACEHOLDER}, after some text
	 * @return the template
	 */
	public static IssuerTemplate of(String template) {
		Assert.hasText(template, "template cannot be empty");
		int placeholder = template.indexOf(PLACEHOLDER);
		Assert.isTrue(placeholder >= 0, () -> "template must hold " + PLACEHOLDER);
		Assert.isTrue(template.indexOf(PLACEHOLDER, placeholder + 1) < 0,
				() -> "template must hold " + PLACEHOLDER + " only once");
		Assert.isTrue(placeholder > 0, () -> "template must have text before " + PLACEHOLDER);
		return new IssuerTemplate(template, Set.of(), null);
	}

	/**
	 * Returns this template accepting only the given tenants.
	 * @param tenants the accepted tenants, each a valid tenant ({@link #isValidTenant})
	 * @return the template
	 */
	public IssuerTemplate withTenants(Collection<String> tenants) {
		Assert.notEmpty(tenants, "tenants cannot be empty");
		for (String tenant : tenants) {
			Assert.isTrue(isValidTenant(tenant), () -> "'" + tenant + "' is not a valid tenant");
		}
		return new IssuerTemplate(this.template, Set.copyOf(new LinkedHashSet<>(tenants)), null);
	}

	/**
	 * Returns this template accepting the tenants that match a regular expression as a
	 * whole (and are valid tenants).
	 * @param regex the regular expression
	 * @return the template
	 */
	public IssuerTemplate withTenantPattern(String regex) {
		Assert.hasText(regex, "regex cannot be empty");
		return new IssuerTemplate(this.template, Set.of(), Pattern.compile(regex));
	}

	/**
	 * Returns the tenant of an issuer that has this template's shape and names an
	 * accepted tenant.
	 * @param issuer the token's unverified {@code iss}
	 * @return the tenant, or {@code null} when the issuer does not match
	 */
	public @Nullable String tenant(String issuer) {
		int length = issuer.length() - this.prefix.length() - this.suffix.length();
		if (length <= 0 || !issuer.startsWith(this.prefix) || !issuer.endsWith(this.suffix)) {
			return null;
		}
		String tenant = issuer.substring(this.prefix.length(), this.prefix.length() + length);
		return accepts(tenant) ? tenant : null;
	}

	/**
	 * Returns whether a tenant is accepted: valid, and in the allow-list or matching the
	 * pattern when either is set.
	 * @param tenant the tenant
	 * @return whether it is accepted
	 */
	public boolean accepts(String tenant) {
		if (!isValidTenant(tenant)) {
			return false;
		}
		if (!this.tenants.isEmpty()) {
			return this.tenants.contains(tenant);
		}
		return this.tenantPattern == null || this.tenantPattern.matcher(tenant).matches();
	}

	/**
	 * Returns the issuer of a tenant.
	 * @param tenant a valid tenant
	 * @return the template with the tenant in place of the placeholder
	 */
	public String issuer(String tenant) {
		Assert.isTrue(isValidTenant(tenant), "tenant is not valid");
		return this.prefix + tenant + this.suffix;
	}

	/**
	 * Puts a tenant in place of the placeholder of a URL template, such as a JWK Set URL.
	 * @param uri the URL, with or without the placeholder
	 * @param tenant a valid tenant
	 * @return the URL for the tenant
	 */
	public static String expand(String uri, String tenant) {
		Assert.isTrue(isValidTenant(tenant), "tenant is not valid");
		return uri.replace(PLACEHOLDER, tenant);
	}

	/**
	 * Returns whether the tenant is one of an allow-list (a bounded set of values, fit
	 * for a metric tag).
	 * @param tenant the tenant
	 * @return whether the allow-list names it
	 */
	public boolean isAllowListed(String tenant) {
		return this.tenants.contains(tenant);
	}

	/**
	 * Returns whether some issuer could match both templates: exactly when either has an
	 * allow-list, else whenever their texts before and after the placeholder do not rule
	 * it out (a regular expression is not compared with another).
	 * @param other the other template
	 * @return whether the two may claim the same issuer
	 */
	public boolean overlaps(IssuerTemplate other) {
		if (!this.tenants.isEmpty()) {
			return this.tenants.stream().anyMatch((tenant) -> other.tenant(issuer(tenant)) != null);
		}
		if (!other.tenants.isEmpty()) {
			return other.overlaps(this);
		}
		return (this.prefix.startsWith(other.prefix) || other.prefix.startsWith(this.prefix))
				&& (this.suffix.endsWith(other.suffix) || other.suffix.endsWith(this.suffix));
	}

	/**
	 * Returns whether a value can be a tenant: 1 to {@value #MAX_TENANT_LENGTH} RFC 3986
	 * unreserved characters, neither {@code .} nor {@code ..}.
	 * @param tenant the value
	 * @return whether it is a valid tenant
	 */
	public static boolean isValidTenant(@Nullable String tenant) {
		if (tenant == null || tenant.isEmpty() || tenant.length() > MAX_TENANT_LENGTH || ".".equals(tenant)
				|| "..".equals(tenant)) {
			return false;
		}
		for (int i = 0; i < tenant.length(); i++) {
			char c = tenant.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns the template as configured.
	 * @return the issuer with its placeholder
	 */
	public String getTemplate() {
		return this.template;
	}

	/**
	 * Returns the allow-list.
	 * @return the accepted tenants, empty when any tenant of the pattern is accepted
	 */
	public Set<String> getTenants() {
		return this.tenants;
	}

	/**
	 * Returns the tenant pattern.
	 * @return the regular expression, or {@code null} when none is set
	 */
	public @Nullable String getTenantPattern() {
		return (this.tenantPattern != null) ? this.tenantPattern.pattern() : null;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof IssuerTemplate that && this.template.equals(that.template)
				&& this.tenants.equals(that.tenants) && Objects.equals(getTenantPattern(), that.getTenantPattern()));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.template, this.tenants, getTenantPattern());
	}

	@Override
	public String toString() {
		return this.template + (!this.tenants.isEmpty() ? " tenants " + this.tenants
				: (this.tenantPattern != null) ? " tenant-pattern " + this.tenantPattern.pattern() : "");
	}

}
