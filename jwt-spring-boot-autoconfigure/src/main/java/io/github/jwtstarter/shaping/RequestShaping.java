package io.github.jwtstarter.shaping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.github.jwtstarter.jwt.VerifiedJwt;
import io.github.jwtstarter.web.JwtOutcome;
import io.github.jwtstarter.web.JwtRequestFlow;
import io.github.jwtstarter.web.ResolvedToken;
import io.github.jwtstarter.web.TokenLocation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Shapes the request the application sees, per provider: {@code claims-to-headers} copies
 * claims into request headers, {@code forward-payload-header} carries the verified
 * payload (base64url, exactly as it is in the token), {@code tenant-header} the tenant of
 * a multi-tenant provider's token, and {@code keep-token: false} hides the token.
 * <p>
 * A header name configured by any provider is trusted only when it was set from a
 * verified token: a client-sent header of that name is removed when the request is
 * anonymous, when the verifying provider does not set that header, and when it maps it
 * with {@code append: false}. Only a header that the verifying provider maps with
 * {@code append: true} (and never with {@code append: false}) keeps its client-sent
 * values, followed by the claim values; the payload and tenant headers never keep a
 * client-sent value. Header names are compared case-insensitively, and a client-sent
 * header whose name differs from a configured one only by {@code _} for {@code -} is
 * removed from every request (CGI and WSGI upstreams read {@code X_User} and
 * {@code X-User} as one).
 * <p>
 * A token that failed verification (on a route whose policy lets the request continue
 * anonymously) never travels further: it is removed from every location it was read from,
 * with the {@code DPoP} proof header, whatever the provider's {@code keep-token}.
 * <p>
 * All plans are computed once in the constructor; each web layer applies the resulting
 * {@link RequestEdits} to its request type.
 */
public final class RequestShaping {

	private static final String COOKIE = "cookie";

	private static final String DPOP = "dpop";

	private final Map<String, Plan> plans;

	private final Plan anonymous;

	private final HeaderLookalikes lookalikes;

	/**
	 * Creates the shaping rules.
	 * @param providers the shaping settings by provider id
	 */
	public RequestShaping(Map<String, ProviderShaping> providers) {
		Assert.notNull(providers, "providers cannot be null");
		Set<String> configured = new LinkedHashSet<>();
		providers.values().forEach((shaping) -> {
			shaping.claimHeaders().forEach((header) -> configured.add(ClaimHeaders.key(header.header())));
			if (shaping.payloadHeader() != null) {
				configured.add(ClaimHeaders.key(shaping.payloadHeader()));
			}
			if (shaping.tenantHeader() != null) {
				configured.add(ClaimHeaders.key(shaping.tenantHeader()));
			}
		});
		Map<String, Plan> plans = new HashMap<>();
		providers.forEach((id, shaping) -> plans.put(id, Plan.of(shaping, configured)));
		this.plans = Map.copyOf(plans);
		this.anonymous = new Plan(new ClaimHeaders(List.of()), List.copyOf(configured), true, null, null);
		this.lookalikes = new HeaderLookalikes(configured);
	}

	/**
	 * Computes what to change in a request after the {@link JwtRequestFlow}: for a
	 * verified request, each verified token's provider plan (on a route with a
	 * requirement set, every token's: the headers any of them sets are trusted, the
	 * principal's values win where two set the same header, and each token is hidden as
	 * its own provider says); for an anonymous one, every failed token removed.
	 * @param outcome the outcome of the flow
	 * @param requestHeaders the request's values of a header (case-insensitive name)
	 * @param requestHeaderNames the names of the request's headers
	 * @return the edits
	 */
	public RequestEdits edits(JwtOutcome outcome, Function<String, List<String>> requestHeaders,
			Iterable<String> requestHeaderNames) {
		if (outcome instanceof JwtOutcome.Authenticated authenticated) {
			if (authenticated.others().isEmpty()) {
				return edits(authenticated.verified(), authenticated.token(), requestHeaders, requestHeaderNames);
			}
			return setEdits(authenticated.all(), requestHeaders, requestHeaderNames);
		}
		if (outcome instanceof JwtOutcome.Anonymous anonymous && !anonymous.failedTokens().isEmpty()) {
			return edits(this.anonymous, null, anonymous.failedTokens(), requestHeaders, requestHeaderNames);
		}
		return edits(this.anonymous, null, List.of(), requestHeaders, requestHeaderNames);
	}

	/**
	 * Computes what to change in a request.
	 * @param verified the verified token, {@code null} for an anonymous request
	 * @param token with {@code verified}: the token as found in the request; without: a
	 * token that failed verification, which is removed from every location it was read
	 * from (with the {@code DPoP} proof header), whatever the provider's
	 * {@code keep-token}; {@code null} when the request carried none
	 * @param requestHeaders the request's values of a header (case-insensitive name)
	 * @param requestHeaderNames the names of the request's headers
	 * @return the edits
	 */
	public RequestEdits edits(@Nullable VerifiedJwt verified, @Nullable ResolvedToken token,
			Function<String, List<String>> requestHeaders, Iterable<String> requestHeaderNames) {
		List<ResolvedToken> tokens = (token != null) ? List.of(token) : List.of();
		if (verified == null) {
			return edits(this.anonymous, null, tokens, requestHeaders, requestHeaderNames);
		}
		Plan plan = this.plans.getOrDefault(verified.provider().getId(), this.anonymous);
		return edits(plan, verified, plan.keepToken() ? List.of() : tokens, requestHeaders, requestHeaderNames);
	}

	/**
	 * The edits of a requirement set: a configured header is removed unless one of the
	 * verified providers sets it; each provider writes its own headers, the principal
	 * last so that its values win.
	 */
	private RequestEdits setEdits(List<JwtOutcome.Companion> all, Function<String, List<String>> requestHeaders,
			Iterable<String> requestHeaderNames) {
		Set<String> removed = new LinkedHashSet<>(this.anonymous.removed());
		List<ResolvedToken> hidden = new ArrayList<>();
		for (JwtOutcome.Companion each : all) {
			Plan plan = this.plans.getOrDefault(each.verified().provider().getId(), this.anonymous);
			removed.retainAll(plan.removed());
			if (!plan.keepToken()) {
				hidden.add(each.token());
			}
		}
		Map<String, RequestEdits.Header> headers = new HashMap<>();
		for (int i = all.size() - 1; i >= 0; i--) {
			VerifiedJwt verified = all.get(i).verified();
			Plan plan = this.plans.getOrDefault(verified.provider().getId(), this.anonymous);
			headers.putAll(edits(new Plan(plan.headers(), List.of(), true, plan.payloadHeader(), plan.tenantHeader()),
					verified, List.of(), requestHeaders, List.of())
				.headers());
		}
		RequestEdits hiding = edits(new Plan(new ClaimHeaders(List.of()), List.copyOf(removed), true, null, null), null,
				hidden, requestHeaders, requestHeaderNames);
		Map<String, RequestEdits.Header> merged = new HashMap<>(hiding.headers());
		merged.putAll(headers);
		if (merged.isEmpty() && hiding.isEmpty()) {
			return RequestEdits.NONE;
		}
		return new RequestEdits(merged, hiding.hiddenParameters(), hiding.hiddenCookies());
	}

	/**
	 * Returns whether no request is ever changed except to remove a failed token: no
	 * provider copies claims into headers or hides its token.
	 * @return whether shaping is off
	 */
	public boolean isEmpty() {
		return this.anonymous.removed().isEmpty() && this.plans.values().stream().allMatch(Plan::isEmpty);
	}

	/**
	 * Computes the edits of a plan.
	 * @param tokens the tokens to hide
	 */
	private RequestEdits edits(Plan plan, @Nullable VerifiedJwt verified, List<ResolvedToken> tokens,
			Function<String, List<String>> requestHeaders, Iterable<String> requestHeaderNames) {
		if (plan.isEmpty() && tokens.isEmpty()) {
			return RequestEdits.NONE;
		}
		Map<String, Object> claims = (verified != null) ? verified.jwt().getClaims() : null;
		Map<String, RequestEdits.Header> headers = new HashMap<>();
		Set<String> hiddenParameters = new HashSet<>();
		Set<String> hiddenCookies = new HashSet<>();
		for (ResolvedToken token : tokens) {
			hideToken(token, headers, hiddenParameters, hiddenCookies);
		}
		if (!hiddenCookies.isEmpty()) {
			headers.put(COOKIE,
					new RequestEdits.Header(COOKIE, withoutCookies(requestHeaders.apply(COOKIE), hiddenCookies)));
		}
		for (String name : plan.removed()) {
			if (!requestHeaders.apply(name).isEmpty()) {
				headers.put(name, new RequestEdits.Header(name, List.of()));
			}
		}
		if (claims != null) {
			plan.headers().write(claims, requestHeaders, headers);
		}
		if (verified != null && plan.payloadHeader() != null) {
			headers.put(ClaimHeaders.key(plan.payloadHeader()),
					new RequestEdits.Header(plan.payloadHeader(), List.of(payload(verified.jwt().getTokenValue()))));
		}
		if (verified != null && plan.tenantHeader() != null) {
			String tenant = verified.provider().getTenant();
			headers.put(ClaimHeaders.key(plan.tenantHeader()),
					new RequestEdits.Header(plan.tenantHeader(), (tenant != null) ? List.of(tenant) : List.of()));
		}
		this.lookalikes.removeFrom(requestHeaderNames, headers);
		if (headers.isEmpty() && hiddenParameters.isEmpty() && hiddenCookies.isEmpty()) {
			return RequestEdits.NONE;
		}
		return new RequestEdits(headers, hiddenParameters, hiddenCookies);
	}

	private static void hideToken(ResolvedToken token, Map<String, RequestEdits.Header> headers,
			Set<String> hiddenParameters, Set<String> hiddenCookies) {
		for (TokenLocation location : token.locations()) {
			switch (location.kind()) {
				case HEADER -> headers.put(location.name().toLowerCase(Locale.ROOT),
						new RequestEdits.Header(location.name(), List.of()));
				case QUERY_PARAM -> hiddenParameters.add(location.name());
				case COOKIE -> hiddenCookies.add(location.name());
			}
		}
		if (token.locations().contains(TokenLocation.dpopHeader())) {
			// the DPoP proof names the token (ath) and the client's key: hidden with the
			// token
			headers.put(DPOP, new RequestEdits.Header(TokenLocation.DPOP_PROOF_HEADER, List.of()));
		}
	}

	private static String payload(String token) {
		int start = token.indexOf('.') + 1;
		return token.substring(start, token.indexOf('.', start));
	}

	private static List<String> withoutCookies(List<String> cookieHeaders, Set<String> hidden) {
		List<String> kept = new ArrayList<>();
		for (String value : cookieHeaders) {
			List<String> pairs = new ArrayList<>();
			for (String pair : value.split(";")) {
				String trimmed = pair.strip();
				int equals = trimmed.indexOf('=');
				String name = ((equals < 0) ? trimmed : trimmed.substring(0, equals)).strip();
				if (!trimmed.isEmpty() && !hidden.contains(name)) {
					pairs.add(trimmed);
				}
			}
			if (!pairs.isEmpty()) {
				kept.add(String.join("; ", pairs));
			}
		}
		return List.copyOf(kept);
	}

	private record Plan(ClaimHeaders headers, List<String> removed, boolean keepToken, @Nullable String payloadHeader,
			@Nullable String tenantHeader) {

		boolean isEmpty() {
			return this.headers.isEmpty() && this.removed.isEmpty() && this.keepToken && this.payloadHeader == null
					&& this.tenantHeader == null;
		}

		static Plan of(ProviderShaping shaping, Set<String> configured) {
			ClaimHeaders headers = new ClaimHeaders(shaping.claimHeaders());
			Set<String> set = new java.util.HashSet<>(headers.names());
			if (shaping.payloadHeader() != null) {
				set.add(ClaimHeaders.key(shaping.payloadHeader()));
			}
			if (shaping.tenantHeader() != null) {
				set.add(ClaimHeaders.key(shaping.tenantHeader()));
			}
			List<String> removed = configured.stream().filter((key) -> !set.contains(key)).toList();
			return new Plan(headers, removed, shaping.keepToken(), shaping.payloadHeader(), shaping.tenantHeader());
		}

	}

}
