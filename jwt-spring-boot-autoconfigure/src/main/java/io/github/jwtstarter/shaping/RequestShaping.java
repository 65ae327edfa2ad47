package io.github.jwtstarter.shaping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.github.jwtstarter.jwt.ClaimPath;
import io.github.jwtstarter.jwt.ClaimValues;
import io.github.jwtstarter.jwt.VerifiedJwt;
import io.github.jwtstarter.web.ResolvedToken;
import io.github.jwtstarter.web.TokenLocation;
import io.github.jwtstarter.web.TokenPresentations;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Shapes the request the application sees, per provider: {@code claims-to-headers}
 * copies claims into request headers, {@code forward-payload-header} carries the verified
 * payload (base64url, exactly as it is in the token), {@code tenant-header} the tenant of
 * a multi-tenant provider's token, and {@code keep-token: false} hides the token.
 * <p>
 * A header name configured by any provider is trusted only when it was set from a
 * verified token: a client-sent header of that name is removed when the request is
 * anonymous, when the verifying provider does not set that header, and when it maps it
 * with {@code append: false}. Only a header that the verifying provider maps with
 * {@code append: true} (and never with {@code append: false}) keeps its client-sent
 * values, followed by the claim values; the payload and tenant headers never keep a
 * client-sent value. Header names are compared case-insensitively.
 * All plans are computed once in the constructor; each web layer applies the resulting
 * {@link RequestEdits} to its request type.
 */
public final class RequestShaping {

	private static final String COOKIE = "cookie";

	private static final String DPOP = "dpop";

	private final Map<String, Plan> plans;

	private final Plan anonymous;

	/**
	 * Creates the shaping rules.
	 * @param providers the shaping settings by provider id
	 */
	public RequestShaping(Map<String, ProviderShaping> providers) {
		Assert.notNull(providers, "providers cannot be null");
		Set<String> configured = new LinkedHashSet<>();
		providers.values().forEach((shaping) -> {
			shaping.claimHeaders().forEach((header) -> configured.add(header.header().toLowerCase(Locale.ROOT)));
			if (shaping.payloadHeader() != null) {
				configured.add(shaping.payloadHeader().toLowerCase(Locale.ROOT));
			}
			if (shaping.tenantHeader() != null) {
				configured.add(shaping.tenantHeader().toLowerCase(Locale.ROOT));
			}
		});
		Map<String, Plan> plans = new HashMap<>();
		providers.forEach((id, shaping) -> plans.put(id, Plan.of(shaping, configured)));
		this.plans = Map.copyOf(plans);
		this.anonymous = new Plan(List.of(), List.copyOf(configured), true, null, null);
	}

	/**
	 * Computes what to change in a request.
	 * @param verified the verified token, {@code null} for an anonymous request
	 * @param token the token found in the request, {@code null} when none was
	 * @param requestHeaders the request's values of a header (case-insensitive name)
	 * @return the edits
	 */
	public RequestEdits edits(@Nullable VerifiedJwt verified, @Nullable ResolvedToken token,
			Function<String, List<String>> requestHeaders) {
		if (verified == null) {
			return edits(this.anonymous, null, null, requestHeaders);
		}
		Plan plan = this.plans.getOrDefault(verified.provider().getId(), this.anonymous);
		return edits(plan, verified, token, requestHeaders);
	}

	private RequestEdits edits(Plan plan, @Nullable VerifiedJwt verified, @Nullable ResolvedToken token,
			Function<String, List<String>> requestHeaders) {
		Map<String, Object> claims = (verified != null) ? verified.jwt().getClaims() : null;
		Map<String, RequestEdits.Header> headers = new HashMap<>();
		Set<String> hiddenParameters = new HashSet<>();
		Set<String> hiddenCookies = new HashSet<>();
		if (!plan.keepToken() && token != null) {
			hideToken(token, requestHeaders, headers, hiddenParameters, hiddenCookies);
		}
		for (String name : plan.removed()) {
			if (!requestHeaders.apply(name).isEmpty()) {
				headers.put(name, new RequestEdits.Header(name, List.of()));
			}
		}
		if (claims != null) {
			for (HeaderPlan header : plan.headers()) {
				List<String> values = new ArrayList<>();
				if (header.keepClientValues()) {
					values.addAll(current(requestHeaders, headers, header.key()));
				}
				for (ClaimPath claim : header.claims()) {
					String value = ClaimValues.headerValue(claims, claim);
					if (value != null) {
						values.add(value);
					}
				}
				headers.put(header.key(), new RequestEdits.Header(header.name(), values));
			}
		}
		if (verified != null && plan.payloadHeader() != null) {
			headers.put(plan.payloadHeader().toLowerCase(Locale.ROOT),
					new RequestEdits.Header(plan.payloadHeader(), List.of(payload(verified.jwt().getTokenValue()))));
		}
		if (verified != null && plan.tenantHeader() != null) {
			String tenant = verified.provider().getTenant();
			headers.put(plan.tenantHeader().toLowerCase(Locale.ROOT),
					new RequestEdits.Header(plan.tenantHeader(), (tenant != null) ? List.of(tenant) : List.of()));
		}
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
			headers.put(DPOP, new RequestEdits.Header(TokenPresentations.DPOP_HEADER, List.of()));
		}
	}

	/**
	 * The payload of a compact JWS, base64url without padding as it is in the token (the
	 * signed bytes, not a re-encoding of the parsed claims).
	 */
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

	private static List<String> current(Function<String, List<String>> requestHeaders,
			Map<String, RequestEdits.Header> headers, String key) {
		RequestEdits.Header replaced = headers.get(key);
		return (replaced != null) ? replaced.values() : requestHeaders.apply(key);
	}

	private record HeaderPlan(String name, String key, boolean keepClientValues, List<ClaimPath> claims) {

	}

	private record Plan(List<HeaderPlan> headers, List<String> removed, boolean keepToken,
			@Nullable String payloadHeader, @Nullable String tenantHeader) {

		static Plan of(ProviderShaping shaping, Set<String> configured) {
			Map<String, List<ProviderShaping.ClaimHeader>> byKey = new LinkedHashMap<>();
			for (ProviderShaping.ClaimHeader header : shaping.claimHeaders()) {
				byKey.computeIfAbsent(header.header().toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
					.add(header);
			}
			List<HeaderPlan> headers = new ArrayList<>();
			byKey.forEach((key, mapped) -> headers.add(new HeaderPlan(mapped.get(0).header(), key,
					mapped.stream().allMatch(ProviderShaping.ClaimHeader::append),
					mapped.stream().map((header) -> ClaimPath.of(header.claim())).toList())));
			List<String> removed = configured.stream().filter((key) -> !byKey.containsKey(key)).toList();
			return new Plan(List.copyOf(headers), removed, shaping.keepToken(), shaping.payloadHeader(),
					shaping.tenantHeader());
		}

	}

}
