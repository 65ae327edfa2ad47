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
import io.github.jwtstarter.web.ResolvedToken;
import io.github.jwtstarter.web.TokenLocation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Shapes the request the application sees, per provider: {@code claims-to-headers}
 * copies claims into request headers and {@code keep-token: false} hides the token.
 * <p>
 * A header name configured by any provider is trusted only when it was set from a
 * verified claim: a client-sent header of that name is removed when the request is
 * anonymous, when the verifying provider does not map that header, and when it maps it
 * with {@code append: false}. Only a header that the verifying provider maps with
 * {@code append: true} (and never with {@code append: false}) keeps its client-sent
 * values, followed by the claim values. Header names are compared case-insensitively.
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
		providers.values()
			.forEach((shaping) -> shaping.claimHeaders()
				.forEach((header) -> configured.add(ClaimHeaders.key(header.header()))));
		Map<String, Plan> plans = new HashMap<>();
		providers.forEach((id, shaping) -> plans.put(id, Plan.of(shaping, configured)));
		this.plans = Map.copyOf(plans);
		this.anonymous = new Plan(new ClaimHeaders(List.of()), List.copyOf(configured), true);
		this.lookalikes = new HeaderLookalikes(configured);
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
		if (verified == null) {
			return edits(this.anonymous, null, token, requestHeaders, requestHeaderNames);
		}
		Plan plan = this.plans.getOrDefault(verified.provider().getId(), this.anonymous);
		return edits(plan, verified.jwt().getClaims(), plan.keepToken() ? null : token, requestHeaders,
				requestHeaderNames);
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
	 * @param token the token to hide, {@code null} to hide none
	 */
	private RequestEdits edits(Plan plan, @Nullable Map<String, Object> claims, @Nullable ResolvedToken token,
			Function<String, List<String>> requestHeaders, Iterable<String> requestHeaderNames) {
		if (plan.isEmpty() && token == null) {
			return RequestEdits.NONE;
		}
		Map<String, RequestEdits.Header> headers = new HashMap<>();
		Set<String> hiddenParameters = new HashSet<>();
		Set<String> hiddenCookies = new HashSet<>();
		if (token != null) {
			hideToken(token, requestHeaders, headers, hiddenParameters, hiddenCookies);
		}
		for (String name : plan.removed()) {
			if (!requestHeaders.apply(name).isEmpty()) {
				headers.put(name, new RequestEdits.Header(name, List.of()));
			}
		}
		if (claims != null) {
			plan.headers().write(claims, requestHeaders, headers);
		}
		this.lookalikes.removeFrom(requestHeaderNames, headers);
		if (headers.isEmpty() && hiddenParameters.isEmpty() && hiddenCookies.isEmpty()) {
			return RequestEdits.NONE;
		}
		return new RequestEdits(headers, hiddenParameters, hiddenCookies);
	}

	private static void hideToken(ResolvedToken token, Function<String, List<String>> requestHeaders,
			Map<String, RequestEdits.Header> headers, Set<String> hiddenParameters, Set<String> hiddenCookies) {
		for (TokenLocation location : token.locations()) {
			switch (location.kind()) {
				case HEADER -> headers.put(location.name().toLowerCase(Locale.ROOT),
						new RequestEdits.Header(location.name(), List.of()));
				case QUERY_PARAM -> hiddenParameters.add(location.name());
				case COOKIE -> hiddenCookies.add(location.name());
			}
		}
		if (!hiddenCookies.isEmpty()) {
			headers.put(COOKIE, new RequestEdits.Header(COOKIE, withoutCookies(requestHeaders.apply(COOKIE), hiddenCookies)));
		}
		if (token.locations().contains(TokenLocation.dpopHeader())) {
			// the DPoP proof names the token (ath) and the client's key: hidden with the token
			headers.put(DPOP, new RequestEdits.Header(TokenLocation.DPOP_PROOF_HEADER, List.of()));
		}
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

	private record Plan(ClaimHeaders headers, List<String> removed, boolean keepToken) {

		boolean isEmpty() {
			return this.headers.isEmpty() && this.removed.isEmpty() && this.keepToken;
		}

		static Plan of(ProviderShaping shaping, Set<String> configured) {
			ClaimHeaders headers = new ClaimHeaders(shaping.claimHeaders());
			Set<String> mapped = headers.names();
			List<String> removed = configured.stream().filter((key) -> !mapped.contains(key)).toList();
			return new Plan(headers, removed, shaping.keepToken());
		}

	}

}
