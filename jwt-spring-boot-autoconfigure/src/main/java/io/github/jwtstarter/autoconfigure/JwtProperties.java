package io.github.jwtstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.jwtstarter.authorization.RbacAction;
import io.github.jwtstarter.jwt.ClaimComparison;
import io.github.jwtstarter.jwt.DPoPMode;
import io.github.jwtstarter.web.ValidationPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for multi-provider JWT verification. Checked once, when bound:
 * each failure names the full property path and the fix.
 */
@ConfigurationProperties(prefix = JwtProperties.PREFIX)
public class JwtProperties implements InitializingBean {

	/**
	 * Prefix of every property of the starter.
	 */
	public static final String PREFIX = "jwt";

	/**
	 * Whether JWT verification is enabled; the starter is inert when no provider is
	 * configured.
	 */
	private boolean enabled = true;

	/**
	 * What happens to a request without a token or with an invalid token.
	 */
	private ValidationPolicy validationPolicy = ValidationPolicy.REQUIRE_VALID;

	/**
	 * JWT providers by id, each with its issuer, keys, audiences and token locations.
	 */
	private Map<String, Provider> providers = new LinkedHashMap<>();

	/**
	 * Per-path rules, first match wins; unmatched requests use the defaults.
	 */
	private List<Route> routes = new ArrayList<>();

	/**
	 * Role-based access control on claims.
	 */
	private final Rbac rbac = new Rbac();

	/**
	 * Verified-token cache.
	 */
	private final Cache cache = new Cache();

	/**
	 * Longest accepted token; a longer token is rejected before any parsing.
	 */
	private DataSize maxTokenSize = DataSize.ofKilobytes(16);

	/**
	 * Cryptography used to check signatures.
	 */
	private final Crypto crypto = new Crypto();

	/**
	 * The starter's security filter chain next to the application's own chains.
	 */
	private final FilterChain filterChain = new FilterChain();

	/**
	 * Spring Security authentication events of JWT verifications.
	 */
	private final Events events = new Events();

	/**
	 * Defaults of every provider's remote keys, and the startup wait for prefetched keys.
	 */
	private final JwksDefaults jwks = new JwksDefaults();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public ValidationPolicy getValidationPolicy() {
		return this.validationPolicy;
	}

	public void setValidationPolicy(ValidationPolicy validationPolicy) {
		this.validationPolicy = validationPolicy;
	}

	public Map<String, Provider> getProviders() {
		return this.providers;
	}

	public void setProviders(Map<String, Provider> providers) {
		this.providers = providers;
	}

	public List<Route> getRoutes() {
		return this.routes;
	}

	public void setRoutes(List<Route> routes) {
		this.routes = routes;
	}

	public Rbac getRbac() {
		return this.rbac;
	}

	public Cache getCache() {
		return this.cache;
	}

	public DataSize getMaxTokenSize() {
		return this.maxTokenSize;
	}

	public void setMaxTokenSize(DataSize maxTokenSize) {
		this.maxTokenSize = maxTokenSize;
	}

	public Crypto getCrypto() {
		return this.crypto;
	}

	public FilterChain getFilterChain() {
		return this.filterChain;
	}

	public Events getEvents() {
		return this.events;
	}

	public JwksDefaults getJwks() {
		return this.jwks;
	}

	@Override
	public void afterPropertiesSet() {
		JwtPropertiesValidator.validate(this);
	}

	/**
	 * One JWT provider.
	 */
	public static class Provider {

		/**
		 * Issuer that the token's "iss" claim must equal exactly; unique across
		 * providers. May hold one {tenant} placeholder for a multi-tenant provider, e.g.
		 * https://kc.example.com/realms/{tenant}.
		 */
		private @Nullable String issuer;

		/**
		 * Tenants accepted in place of the issuer's {tenant} placeholder; empty means any
		 * tenant that tenant-pattern accepts.
		 */
		private List<String> tenants = new ArrayList<>();

		/**
		 * Regular expression that the whole tenant in place of the issuer's {tenant}
		 * placeholder must match; unset means any one path segment.
		 */
		private @Nullable String tenantPattern;

		/**
		 * Claim that must equal the tenant taken from the token's "iss", e.g. tid; unset
		 * means not checked.
		 */
		private @Nullable String tenantClaim;

		/**
		 * Most tenants of a multi-tenant provider whose keys are kept; the least recently
		 * used are evicted first.
		 */
		private int maxTenants = 100;

		/**
		 * Request header that carries the tenant of a multi-tenant provider's token to
		 * the application or upstream; a client-sent header of that name never passes.
		 */
		private @Nullable String tenantHeader;

		/**
		 * Request header that carries the verified payload (base64url, as in the token)
		 * to the application or upstream; a client-sent header of that name never passes.
		 */
		private @Nullable String forwardPayloadHeader;

		/**
		 * Audiences of which the token's "aud" claim must contain at least one; empty
		 * means not checked.
		 */
		private List<String> audiences = new ArrayList<>();

		/**
		 * Accepted JWS algorithms; empty means what the keys allow (all asymmetric
		 * algorithms for remote keys).
		 */
		private List<String> algorithms = new ArrayList<>();

		/**
		 * Leeway for the "exp", "nbf" and "iat" checks.
		 */
		private Duration clockSkew = Duration.ofSeconds(60);

		/**
		 * Whether a token without "exp" is rejected.
		 */
		private boolean requireExpiration = true;

		/**
		 * Longest accepted token lifetime, "exp" minus "iat"; unset means not bounded.
		 */
		private @Nullable Duration maxLifetime;

		/**
		 * Accepted "typ" header values, compared case-insensitively; a token without
		 * "typ" is accepted; empty means any.
		 */
		private List<String> types = new ArrayList<>();

		/**
		 * Claims that must have exactly these values.
		 */
		private Map<String, Object> requiredClaims = new LinkedHashMap<>();

		/**
		 * Claim whose value is the name of the authenticated principal.
		 */
		private String principalClaim = "sub";

		/**
		 * Claim-to-authority mappings, in order; empty means "scope" and "scp" with the
		 * "SCOPE_" prefix.
		 */
		private List<AuthorityMapping> authorities = new ArrayList<>();

		/**
		 * Where the verification keys come from.
		 */
		private final Jwks jwks = new Jwks();

		/**
		 * Where this provider's tokens are read from.
		 */
		private final TokenSource tokenSource = new TokenSource();

		/**
		 * Whether the token stays visible to the application after verification.
		 */
		private boolean keepToken = true;

		/**
		 * Claims copied into request headers that the application sees.
		 */
		private List<ClaimToHeader> claimsToHeaders = new ArrayList<>();

		/**
		 * Sender-constrained tokens: DPoP (RFC 9449) and certificate-bound tokens (RFC
		 * 8705).
		 */
		private final SenderConstraint senderConstraint = new SenderConstraint();

		public @Nullable String getIssuer() {
			return this.issuer;
		}

		public void setIssuer(@Nullable String issuer) {
			this.issuer = issuer;
		}

		public List<String> getTenants() {
			return this.tenants;
		}

		public void setTenants(List<String> tenants) {
			this.tenants = tenants;
		}

		public @Nullable String getTenantPattern() {
			return this.tenantPattern;
		}

		public void setTenantPattern(@Nullable String tenantPattern) {
			this.tenantPattern = tenantPattern;
		}

		public @Nullable String getTenantClaim() {
			return this.tenantClaim;
		}

		public void setTenantClaim(@Nullable String tenantClaim) {
			this.tenantClaim = tenantClaim;
		}

		public int getMaxTenants() {
			return this.maxTenants;
		}

		public void setMaxTenants(int maxTenants) {
			this.maxTenants = maxTenants;
		}

		public @Nullable String getTenantHeader() {
			return this.tenantHeader;
		}

		public void setTenantHeader(@Nullable String tenantHeader) {
			this.tenantHeader = tenantHeader;
		}

		public @Nullable String getForwardPayloadHeader() {
			return this.forwardPayloadHeader;
		}

		public void setForwardPayloadHeader(@Nullable String forwardPayloadHeader) {
			this.forwardPayloadHeader = forwardPayloadHeader;
		}

		public List<String> getAudiences() {
			return this.audiences;
		}

		public void setAudiences(List<String> audiences) {
			this.audiences = audiences;
		}

		public List<String> getAlgorithms() {
			return this.algorithms;
		}

		public void setAlgorithms(List<String> algorithms) {
			this.algorithms = algorithms;
		}

		public Duration getClockSkew() {
			return this.clockSkew;
		}

		public void setClockSkew(Duration clockSkew) {
			this.clockSkew = clockSkew;
		}

		public boolean isRequireExpiration() {
			return this.requireExpiration;
		}

		public void setRequireExpiration(boolean requireExpiration) {
			this.requireExpiration = requireExpiration;
		}

		public @Nullable Duration getMaxLifetime() {
			return this.maxLifetime;
		}

		public void setMaxLifetime(@Nullable Duration maxLifetime) {
			this.maxLifetime = maxLifetime;
		}

		public List<String> getTypes() {
			return this.types;
		}

		public void setTypes(List<String> types) {
			this.types = types;
		}

		public Map<String, Object> getRequiredClaims() {
			return this.requiredClaims;
		}

		public void setRequiredClaims(Map<String, Object> requiredClaims) {
			this.requiredClaims = requiredClaims;
		}

		public String getPrincipalClaim() {
			return this.principalClaim;
		}

		public void setPrincipalClaim(String principalClaim) {
			this.principalClaim = principalClaim;
		}

		public List<AuthorityMapping> getAuthorities() {
			return this.authorities;
		}

		public void setAuthorities(List<AuthorityMapping> authorities) {
			this.authorities = authorities;
		}

		public Jwks getJwks() {
			return this.jwks;
		}

		public TokenSource getTokenSource() {
			return this.tokenSource;
		}

		public boolean isKeepToken() {
			return this.keepToken;
		}

		public void setKeepToken(boolean keepToken) {
			this.keepToken = keepToken;
		}

		public List<ClaimToHeader> getClaimsToHeaders() {
			return this.claimsToHeaders;
		}

		public void setClaimsToHeaders(List<ClaimToHeader> claimsToHeaders) {
			this.claimsToHeaders = claimsToHeaders;
		}

		public SenderConstraint getSenderConstraint() {
			return this.senderConstraint;
		}

	}

	/**
	 * How a provider treats sender-constrained tokens. Whatever is set here, a token
	 * bound to a DPoP key ("cnf.jkt") or a client certificate ("cnf.x5t#S256") is never
	 * accepted as a plain bearer token, and a malformed "cnf" is rejected.
	 */
	public static class SenderConstraint {

		/**
		 * Whether the DPoP scheme is accepted: disabled, allowed (DPoP-bound tokens with
		 * a valid proof, other tokens as bearer tokens) or required (DPoP-bound tokens
		 * only).
		 */
		private DPoPMode dpop = DPoPMode.ALLOWED;

		/**
		 * How long after its "iat" a DPoP proof is accepted, with the provider's
		 * clock-skew either side; a proof's "jti" is remembered as long.
		 */
		private Duration dpopProofMaxAge = Duration.ofSeconds(60);

		/**
		 * Most DPoP proof ids remembered against replay; when full, new proofs are
		 * refused until remembered ones age out.
		 */
		private long dpopReplayCacheSize = 100_000;

		/**
		 * Most DPoP proof ids one client key ("cnf.jkt") may have remembered at a time,
		 * so that no client fills the replay cache for the others; a client over it has
		 * its new proofs refused until its ids age out. Default: a tenth of
		 * dpop-replay-cache-size.
		 */
		private @Nullable Long dpopReplayQuotaPerKey;

		/**
		 * Where DPoP proof ids are remembered against replay: memory (each replica on its
		 * own) or redis (shared by every replica through the application's Spring Data
		 * Redis connection, after the in-memory cache).
		 */
		private ReplayStore replayStore = ReplayStore.MEMORY;

		/**
		 * Prefix of the keys this provider writes to the shared replay store.
		 */
		private String replayStoreKeyPrefix = "jwt:dpop:";

		/**
		 * How long a request waits for the shared replay store before its DPoP proof is
		 * refused (503).
		 */
		private Duration replayStoreTimeout = Duration.ofSeconds(1);

		/**
		 * Origins (scheme://host[:port]) under which clients reach this application; when
		 * set, a DPoP proof's "htu" must name one of them with the request's path,
		 * instead of the URL rebuilt from the request's Host and forwarded headers.
		 */
		private List<String> publicOrigins = new ArrayList<>();

		/**
		 * Whether DPoP proofs must carry a nonce this provider issued (RFC 9449 section
		 * 8): a proof without a current one is answered 401 "use_dpop_nonce" with a fresh
		 * nonce in the DPoP-Nonce header, for the client to retry with. Needs
		 * dpop-nonce-secret.
		 */
		private boolean dpopNonceRequired;

		/**
		 * Secret, at least 32 bytes, from which DPoP nonces are made and checked; every
		 * replica given the same secret accepts the nonces of the others (no shared
		 * state). Keep it out of source control, e.g. in a Kubernetes Secret.
		 */
		private @Nullable String dpopNonceSecret;

		/**
		 * How long a DPoP nonce is accepted after it was issued, with the provider's
		 * clock-skew.
		 */
		private Duration dpopNonceLifetime = Duration.ofMinutes(5);

		public DPoPMode getDpop() {
			return this.dpop;
		}

		public void setDpop(DPoPMode dpop) {
			this.dpop = dpop;
		}

		public Duration getDpopProofMaxAge() {
			return this.dpopProofMaxAge;
		}

		public void setDpopProofMaxAge(Duration dpopProofMaxAge) {
			this.dpopProofMaxAge = dpopProofMaxAge;
		}

		public long getDpopReplayCacheSize() {
			return this.dpopReplayCacheSize;
		}

		public void setDpopReplayCacheSize(long dpopReplayCacheSize) {
			this.dpopReplayCacheSize = dpopReplayCacheSize;
		}

		public @Nullable Long getDpopReplayQuotaPerKey() {
			return this.dpopReplayQuotaPerKey;
		}

		public void setDpopReplayQuotaPerKey(@Nullable Long dpopReplayQuotaPerKey) {
			this.dpopReplayQuotaPerKey = dpopReplayQuotaPerKey;
		}

		public ReplayStore getReplayStore() {
			return this.replayStore;
		}

		public void setReplayStore(ReplayStore replayStore) {
			this.replayStore = replayStore;
		}

		public String getReplayStoreKeyPrefix() {
			return this.replayStoreKeyPrefix;
		}

		public void setReplayStoreKeyPrefix(String replayStoreKeyPrefix) {
			this.replayStoreKeyPrefix = replayStoreKeyPrefix;
		}

		public Duration getReplayStoreTimeout() {
			return this.replayStoreTimeout;
		}

		public void setReplayStoreTimeout(Duration replayStoreTimeout) {
			this.replayStoreTimeout = replayStoreTimeout;
		}

		public List<String> getPublicOrigins() {
			return this.publicOrigins;
		}

		public void setPublicOrigins(List<String> publicOrigins) {
			this.publicOrigins = publicOrigins;
		}

		public boolean isDpopNonceRequired() {
			return this.dpopNonceRequired;
		}

		public void setDpopNonceRequired(boolean dpopNonceRequired) {
			this.dpopNonceRequired = dpopNonceRequired;
		}

		public @Nullable String getDpopNonceSecret() {
			return this.dpopNonceSecret;
		}

		public void setDpopNonceSecret(@Nullable String dpopNonceSecret) {
			this.dpopNonceSecret = dpopNonceSecret;
		}

		public Duration getDpopNonceLifetime() {
			return this.dpopNonceLifetime;
		}

		public void setDpopNonceLifetime(Duration dpopNonceLifetime) {
			this.dpopNonceLifetime = dpopNonceLifetime;
		}

	}

	/**
	 * Where a provider remembers DPoP proof ids against replay.
	 */
	public enum ReplayStore {

		/**
		 * In memory: each replica remembers the proofs it accepted.
		 */
		MEMORY,

		/**
		 * In Redis, through the application's Spring Data Redis connection: every replica
		 * refuses a proof that another one accepted.
		 */
		REDIS

	}

	/**
	 * One claim-to-authority mapping.
	 */
	public static class AuthorityMapping {

		/**
		 * Claim path: a top-level claim name, else dot-separated nested keys.
		 */
		private @Nullable String claim;

		/**
		 * Prefix of every authority made from this claim.
		 */
		private String prefix = "SCOPE_";

		/**
		 * Separator that splits a string claim into several authorities.
		 */
		private String delimiter = " ";

		public @Nullable String getClaim() {
			return this.claim;
		}

		public void setClaim(@Nullable String claim) {
			this.claim = claim;
		}

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

		public String getDelimiter() {
			return this.delimiter;
		}

		public void setDelimiter(String delimiter) {
			this.delimiter = delimiter;
		}

	}

	/**
	 * Where a provider's verification keys come from: exactly one of uri, local and
	 * location, or none for OpenID Connect discovery from the issuer.
	 */
	public static class Jwks {

		/**
		 * URL of a remote JWK Set.
		 */
		private @Nullable String uri;

		/**
		 * Inline JWK Set, single JWK, or PEM public key(s).
		 */
		private @Nullable String local;

		/**
		 * Resource (file:, classpath:) holding a JWK Set, a JWK or PEM public key(s).
		 */
		private @Nullable Resource location;

		/**
		 * How long fetched keys are used before a background refresh.
		 */
		private Duration cacheDuration = Duration.ofMinutes(5);

		/**
		 * Shortest interval between two fetches caused by an unknown "kid".
		 */
		private Duration minRefreshInterval = Duration.ofSeconds(30);

		/**
		 * How long cached keys keep verifying while the JWKS endpoint fails.
		 */
		private Duration outageTolerance = Duration.ofHours(1);

		/**
		 * Connect timeout of JWKS and discovery requests.
		 */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * Read timeout of JWKS and discovery requests.
		 */
		private Duration readTimeout = Duration.ofSeconds(5);

		/**
		 * Largest accepted JWKS or discovery response; a larger one is refused.
		 */
		private DataSize maxSize = DataSize.ofKilobytes(64);

		/**
		 * Name of a "spring.ssl.bundle" bundle whose trust material (and client key, for
		 * mutual TLS) is used for this provider's discovery and JWKS requests, e.g. one
		 * holding the Kubernetes cluster CA; unset uses the JVM's default trust store.
		 */
		private @Nullable String sslBundle;

		/**
		 * Resource (file:) holding a bearer token sent as "Authorization: Bearer" on this
		 * provider's discovery and JWKS requests over https, e.g. the pod's
		 * service-account token; read again on every fetch, so a rotated token is picked
		 * up.
		 */
		private @Nullable String bearerTokenLocation;

		/**
		 * Whether the remote keys are fetched at startup, the application's readiness
		 * waiting for them (at most jwt.jwks.prefetch-timeout); unset means
		 * jwt.jwks.prefetch.
		 */
		private @Nullable Boolean prefetch;

		public @Nullable String getUri() {
			return this.uri;
		}

		public void setUri(@Nullable String uri) {
			this.uri = uri;
		}

		public @Nullable String getLocal() {
			return this.local;
		}

		public void setLocal(@Nullable String local) {
			this.local = local;
		}

		public @Nullable Resource getLocation() {
			return this.location;
		}

		public void setLocation(@Nullable Resource location) {
			this.location = location;
		}

		public Duration getCacheDuration() {
			return this.cacheDuration;
		}

		public void setCacheDuration(Duration cacheDuration) {
			this.cacheDuration = cacheDuration;
		}

		public Duration getMinRefreshInterval() {
			return this.minRefreshInterval;
		}

		public void setMinRefreshInterval(Duration minRefreshInterval) {
			this.minRefreshInterval = minRefreshInterval;
		}

		public Duration getOutageTolerance() {
			return this.outageTolerance;
		}

		public void setOutageTolerance(Duration outageTolerance) {
			this.outageTolerance = outageTolerance;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

		public @Nullable String getBearerTokenLocation() {
			return this.bearerTokenLocation;
		}

		public void setBearerTokenLocation(@Nullable String bearerTokenLocation) {
			this.bearerTokenLocation = bearerTokenLocation;
		}

		public @Nullable Boolean getPrefetch() {
			return this.prefetch;
		}

		public void setPrefetch(@Nullable Boolean prefetch) {
			this.prefetch = prefetch;
		}

	}

	/**
	 * Defaults of every provider's remote keys.
	 */
	public static class JwksDefaults {

		/**
		 * Whether remote keys are fetched at startup, the application's readiness
		 * (ReadinessState) refusing traffic until they are there; a provider's
		 * jwks.prefetch overrides it.
		 */
		private boolean prefetch = false;

		/**
		 * Longest time readiness waits for prefetched keys; then the application accepts
		 * traffic, and a provider still without keys is DOWN and fetches on demand.
		 */
		private Duration prefetchTimeout = Duration.ofSeconds(30);

		public boolean isPrefetch() {
			return this.prefetch;
		}

		public void setPrefetch(boolean prefetch) {
			this.prefetch = prefetch;
		}

		public Duration getPrefetchTimeout() {
			return this.prefetchTimeout;
		}

		public void setPrefetchTimeout(Duration prefetchTimeout) {
			this.prefetchTimeout = prefetchTimeout;
		}

	}

	/**
	 * Where a provider's tokens are read from.
	 */
	public static class TokenSource {

		/**
		 * Request headers carrying the token; empty means Authorization with the "Bearer
		 * " prefix.
		 */
		private List<HeaderSource> headers = new ArrayList<>();

		/**
		 * Query parameters carrying the token.
		 */
		private List<String> queryParams = new ArrayList<>();

		/**
		 * Cookies carrying the token.
		 */
		private List<String> cookies = new ArrayList<>();

		public List<HeaderSource> getHeaders() {
			return this.headers;
		}

		public void setHeaders(List<HeaderSource> headers) {
			this.headers = headers;
		}

		public List<String> getQueryParams() {
			return this.queryParams;
		}

		public void setQueryParams(List<String> queryParams) {
			this.queryParams = queryParams;
		}

		public List<String> getCookies() {
			return this.cookies;
		}

		public void setCookies(List<String> cookies) {
			this.cookies = cookies;
		}

	}

	/**
	 * A request header that carries a token.
	 */
	public static class HeaderSource {

		/**
		 * Header name, compared case-insensitively.
		 */
		private String name = "Authorization";

		/**
		 * Prefix before the token, compared case-insensitively; empty means the whole
		 * value is the token.
		 */
		private String prefix = "Bearer ";

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

	}

	/**
	 * A claim copied into a request header.
	 */
	public static class ClaimToHeader {

		/**
		 * Claim path: a top-level claim name, else dot-separated nested keys.
		 */
		private @Nullable String claim;

		/**
		 * Request header that receives the claim's value.
		 */
		private @Nullable String header;

		/**
		 * Whether the value is added to a client-sent header of that name instead of
		 * replacing it.
		 */
		private boolean append;

		public @Nullable String getClaim() {
			return this.claim;
		}

		public void setClaim(@Nullable String claim) {
			this.claim = claim;
		}

		public @Nullable String getHeader() {
			return this.header;
		}

		public void setHeader(@Nullable String header) {
			this.header = header;
		}

		public boolean isAppend() {
			return this.append;
		}

		public void setAppend(boolean append) {
			this.append = append;
		}

	}

	/**
	 * A per-path rule.
	 */
	public static class Route {

		/**
		 * Path patterns (PathPattern syntax) this rule applies to.
		 */
		private List<String> paths = new ArrayList<>();

		/**
		 * HTTP methods this rule applies to; empty means any.
		 */
		private List<String> methods = new ArrayList<>();

		/**
		 * Validation policy on this route; unset means jwt.validation-policy.
		 */
		private @Nullable ValidationPolicy validationPolicy;

		/**
		 * Provider ids accepted on this route; empty means all.
		 */
		private List<String> providers = new ArrayList<>();

		/**
		 * Provider ids each of which must verify a token of the request (a requirement
		 * set), each token read from its own provider's token locations; the first is the
		 * principal. Excludes providers.
		 */
		private List<String> allOf = new ArrayList<>();

		/**
		 * Whether JWT processing and RBAC are skipped on this route.
		 */
		private boolean disabled;

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public List<String> getMethods() {
			return this.methods;
		}

		public void setMethods(List<String> methods) {
			this.methods = methods;
		}

		public @Nullable ValidationPolicy getValidationPolicy() {
			return this.validationPolicy;
		}

		public void setValidationPolicy(@Nullable ValidationPolicy validationPolicy) {
			this.validationPolicy = validationPolicy;
		}

		public List<String> getProviders() {
			return this.providers;
		}

		public void setProviders(List<String> providers) {
			this.providers = providers;
		}

		public List<String> getAllOf() {
			return this.allOf;
		}

		public void setAllOf(List<String> allOf) {
			this.allOf = allOf;
		}

		public boolean isDisabled() {
			return this.disabled;
		}

		public void setDisabled(boolean disabled) {
			this.disabled = disabled;
		}

	}

	/**
	 * Role-based access control on claims.
	 */
	public static class Rbac {

		/**
		 * Whether a request that no policy allows is denied even when no policy is
		 * configured.
		 */
		private boolean requireRbac;

		/**
		 * Access policies by name.
		 */
		private Map<String, Policy> policies = new LinkedHashMap<>();

		public boolean isRequireRbac() {
			return this.requireRbac;
		}

		public void setRequireRbac(boolean requireRbac) {
			this.requireRbac = requireRbac;
		}

		public Map<String, Policy> getPolicies() {
			return this.policies;
		}

		public void setPolicies(Map<String, Policy> policies) {
			this.policies = policies;
		}

	}

	/**
	 * An access policy: the requests it covers and the principals it allows or denies.
	 */
	public static class Policy {

		/**
		 * Whether the policy allows or denies what it covers; deny policies are evaluated
		 * first.
		 */
		private RbacAction action = RbacAction.ALLOW;

		/**
		 * Requests this policy covers.
		 */
		private final Permissions permissions = new Permissions();

		/**
		 * Principals the policy applies to; one must match (a deny policy without
		 * principals applies to every caller).
		 */
		private List<Principal> principals = new ArrayList<>();

		public RbacAction getAction() {
			return this.action;
		}

		public void setAction(RbacAction action) {
			this.action = action;
		}

		public Permissions getPermissions() {
			return this.permissions;
		}

		public List<Principal> getPrincipals() {
			return this.principals;
		}

		public void setPrincipals(List<Principal> principals) {
			this.principals = principals;
		}

	}

	/**
	 * Requests a policy covers.
	 */
	public static class Permissions {

		/**
		 * Path patterns (PathPattern syntax); empty means any path.
		 */
		private List<String> paths = new ArrayList<>();

		/**
		 * HTTP methods; empty means any.
		 */
		private List<String> methods = new ArrayList<>();

		/**
		 * Path patterns excluded from the covered paths.
		 */
		private List<String> notPaths = new ArrayList<>();

		/**
		 * HTTP methods excluded from the covered methods.
		 */
		private List<String> notMethods = new ArrayList<>();

		public List<String> getNotPaths() {
			return this.notPaths;
		}

		public void setNotPaths(List<String> notPaths) {
			this.notPaths = notPaths;
		}

		public List<String> getNotMethods() {
			return this.notMethods;
		}

		public void setNotMethods(List<String> notMethods) {
			this.notMethods = notMethods;
		}

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public List<String> getMethods() {
			return this.methods;
		}

		public void setMethods(List<String> methods) {
			this.methods = methods;
		}

	}

	/**
	 * A principal that matches when all of its claims match and none of its not-claims
	 * does.
	 */
	public static class Principal {

		/**
		 * Provider id whose tokens this principal accepts; unset means any provider.
		 */
		private @Nullable String provider;

		/**
		 * Tenant of a multi-tenant provider whose tokens this principal accepts; unset
		 * means any tenant.
		 */
		private @Nullable String tenant;

		/**
		 * How claim values are compared: text, typed-equals, exact-string, boolean,
		 * list-contains or regex-match.
		 */
		private ClaimComparison matcher = ClaimComparison.TEXT;

		/**
		 * Claim paths and the values they must match.
		 */
		private Map<String, String> claims = new LinkedHashMap<>();

		/**
		 * Claim paths and the values they must not match: a caller matching any is not
		 * this principal.
		 */
		private Map<String, String> notClaims = new LinkedHashMap<>();

		public Map<String, String> getNotClaims() {
			return this.notClaims;
		}

		public void setNotClaims(Map<String, String> notClaims) {
			this.notClaims = notClaims;
		}

		public @Nullable String getProvider() {
			return this.provider;
		}

		public void setProvider(@Nullable String provider) {
			this.provider = provider;
		}

		public @Nullable String getTenant() {
			return this.tenant;
		}

		public void setTenant(@Nullable String tenant) {
			this.tenant = tenant;
		}

		public ClaimComparison getMatcher() {
			return this.matcher;
		}

		public void setMatcher(ClaimComparison matcher) {
			this.matcher = matcher;
		}

		public Map<String, String> getClaims() {
			return this.claims;
		}

		public void setClaims(Map<String, String> claims) {
			this.claims = claims;
		}

	}

	/**
	 * Verified-token cache.
	 */
	public static class Cache {

		/**
		 * Whether verified tokens are cached so that a repeated token skips the signature
		 * check.
		 */
		private boolean enabled = true;

		/**
		 * Most tokens kept in the cache.
		 */
		private long maxSize = 10_000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public long getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(long maxSize) {
			this.maxSize = maxSize;
		}

	}

	/**
	 * Cryptography used to check signatures.
	 */
	public static class Crypto {

		/**
		 * JCA provider that checks RSA and EC signatures: 'auto' uses Amazon Corretto
		 * Crypto Provider when it is on the class path and loads, else the JDK; 'jdk'
		 * always uses the JDK.
		 */
		private CryptoProvider provider = CryptoProvider.AUTO;

		public CryptoProvider getProvider() {
			return this.provider;
		}

		public void setProvider(CryptoProvider provider) {
			this.provider = provider;
		}

	}

	/**
	 * Which JCA provider checks signatures.
	 */
	public enum CryptoProvider {

		/**
		 * Amazon Corretto Crypto Provider when it is on the class path and loads, else
		 * the JDK.
		 */
		AUTO,

		/**
		 * The JDK's providers.
		 */
		JDK

	}

	/**
	 * The starter's security filter chain next to the application's own chains.
	 */
	public static class FilterChain {

		/**
		 * Whether the application is warned at startup when a filter chain of its own
		 * matches every request without the starter's configurer, so that no request is
		 * verified by the starter; false when that is deliberate.
		 */
		private boolean warnIfOmitted = true;

		public boolean isWarnIfOmitted() {
			return this.warnIfOmitted;
		}

		public void setWarnIfOmitted(boolean warnIfOmitted) {
			this.warnIfOmitted = warnIfOmitted;
		}

	}

	/**
	 * Spring Security authentication events of JWT verifications.
	 */
	public static class Events {

		/**
		 * Whether every successful and failed token verification is published as a Spring
		 * Security authentication event (audit events, listeners).
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
