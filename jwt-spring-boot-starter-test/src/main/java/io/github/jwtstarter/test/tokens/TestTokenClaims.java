package io.github.jwtstarter.test.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import io.github.jwtstarter.autoconfigure.JwtProperties;
import io.github.jwtstarter.jwt.IssuerTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The claims of one test token: the provider's defaults (issuer, first audience, required
 * claims, subject {@code user}, a fresh {@code jti}), the claims a test set or left out,
 * and {@code iat}/{@code exp} from the test's times or the default lifetime.
 */
final class TestTokenClaims {

	private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	private final String providerId;

	private final JwtProperties.Provider provider;

	private final Clock clock;

	private final Map<String, Object> claims = new LinkedHashMap<>();

	private final Set<String> removedClaims = new LinkedHashSet<>();

	private @Nullable Instant issuedAt;

	private @Nullable Duration lifetime;

	private @Nullable Instant expiresAt;

	private boolean expired;

	TestTokenClaims(String providerId, JwtProperties.Provider provider, Clock clock) {
		Assert.hasText(providerId, "providerId cannot be empty");
		Assert.notNull(provider, "provider cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.providerId = providerId;
		this.provider = provider;
		this.clock = clock;
	}

	void put(String name, Object value) {
		Assert.hasText(name, "name cannot be empty");
		Assert.notNull(value, "value cannot be null; use withoutClaim(name)");
		this.claims.put(name, value);
		this.removedClaims.remove(name);
	}

	void remove(String name) {
		this.claims.remove(name);
		this.removedClaims.add(name);
	}

	/**
	 * Makes the claims a tenant's: {@code iss} from the provider's issuer template, and
	 * the provider's {@code tenant-claim}.
	 */
	void tenant(String tenant) {
		Assert.hasText(tenant, "tenant cannot be empty");
		String issuer = this.provider.getIssuer();
		if (!IssuerTemplate.isTemplate(issuer)) {
			throw new IllegalStateException("Provider '" + this.providerId + "' is not multi-tenant: its issuer "
					+ issuer + " holds no " + IssuerTemplate.PLACEHOLDER);
		}
		put(JWTClaimNames.ISSUER, issuer.replace(IssuerTemplate.PLACEHOLDER, tenant));
		String tenantClaim = this.provider.getTenantClaim();
		if (tenantClaim != null) {
			put(tenantClaim, tenant);
		}
	}

	void issuedAt(Instant issuedAt) {
		this.issuedAt = issuedAt;
	}

	void lifetime(Duration lifetime) {
		this.lifetime = lifetime;
		this.expiresAt = null;
	}

	void expiresAt(Instant expiresAt) {
		this.expiresAt = expiresAt;
		this.lifetime = null;
	}

	void expired() {
		this.expired = true;
	}

	Set<String> names() {
		return this.claims.keySet();
	}

	JWTClaimsSet build() {
		if (IssuerTemplate.isTemplate(this.provider.getIssuer()) && !this.claims.containsKey(JWTClaimNames.ISSUER)
				&& !this.removedClaims.contains(JWTClaimNames.ISSUER)) {
			throw new IllegalStateException("Provider '" + this.providerId + "' is multi-tenant (issuer "
					+ this.provider.getIssuer() + "): name the tenant, e.g. tenant(\"acme\")");
		}
		Instant now = this.clock.instant();
		Duration lifetime = (this.lifetime != null) ? this.lifetime : defaultLifetime();
		Instant issuedAt = (this.issuedAt != null) ? this.issuedAt : now;
		Instant expiresAt = (this.expiresAt != null) ? this.expiresAt : issuedAt.plus(lifetime);
		if (this.expired) {
			expiresAt = now.minus(this.provider.getClockSkew()).minus(Duration.ofMinutes(1));
			issuedAt = expiresAt.minus(lifetime);
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put(JWTClaimNames.ISSUER, this.provider.getIssuer());
		defaults.put(JWTClaimNames.SUBJECT, "user");
		if (!this.provider.getAudiences().isEmpty()) {
			defaults.put(JWTClaimNames.AUDIENCE, this.provider.getAudiences().get(0));
		}
		defaults.putAll(this.provider.getRequiredClaims());
		defaults.put(JWTClaimNames.JWT_ID, UUID.randomUUID().toString());
		defaults.putAll(this.claims);
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
		defaults.forEach(claims::claim);
		claims.issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt));
		if (this.claims.get(JWTClaimNames.ISSUED_AT) != null) {
			claims.claim(JWTClaimNames.ISSUED_AT, this.claims.get(JWTClaimNames.ISSUED_AT));
		}
		if (this.claims.get(JWTClaimNames.EXPIRATION_TIME) != null) {
			claims.claim(JWTClaimNames.EXPIRATION_TIME, this.claims.get(JWTClaimNames.EXPIRATION_TIME));
		}
		this.removedClaims.forEach((name) -> claims.claim(name, null));
		return claims.build();
	}

	private Duration defaultLifetime() {
		Duration max = this.provider.getMaxLifetime();
		return (max != null && max.compareTo(DEFAULT_LIFETIME) < 0) ? max : DEFAULT_LIFETIME;
	}

}
