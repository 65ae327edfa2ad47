package io.github.jwtstarter.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import io.github.jwtstarter.jwt.ClaimPaths;
import io.github.jwtstarter.jwt.VerifiedJwt;
import io.github.jwtstarter.web.JwtRequestCustomizer;
import io.github.jwtstarter.web.ResolvedToken;
import io.github.jwtstarter.web.TokenLocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * All plans are computed once in the constructor.
 *
 * @author jwt-spring-boot-starter
 */
public final class RequestShapingCustomizer implements JwtRequestCustomizer {

	private static final Log logger = LogFactory.getLog(RequestShapingCustomizer.class);

	private static final String COOKIE = "cookie";

	private final Map<String, Plan> plans;

	private final Plan anonymous;

	/**
	 * Creates a customizer.
	 * @param providers the shaping settings by provider id
	 */
	public RequestShapingCustomizer(Map<String, ProviderShaping> providers) {
		Assert.notNull(providers, "providers cannot be null");
		Set<String> configured = new LinkedHashSet<>();
		providers.values()
			.forEach((shaping) -> shaping.claimHeaders()
				.forEach((header) -> configured.add(header.header().toLowerCase(Locale.ROOT))));
		Map<String, Plan> plans = new HashMap<>();
		providers.forEach((id, shaping) -> plans.put(id, Plan.of(shaping, configured)));
		this.plans = Map.copyOf(plans);
		this.anonymous = new Plan(List.of(), List.copyOf(configured), true);
	}

	@Override
	public HttpServletRequest customize(HttpServletRequest request, @Nullable VerifiedJwt verified,
			@Nullable ResolvedToken token) {
		if (verified == null) {
			return shape(request, this.anonymous, null, null);
		}
		Plan plan = this.plans.getOrDefault(verified.provider().getId(), this.anonymous);
		return shape(request, plan, verified.jwt().getClaims(), token);
	}

	private HttpServletRequest shape(HttpServletRequest request, Plan plan, @Nullable Map<String, Object> claims,
			@Nullable ResolvedToken token) {
		Map<String, ShapedRequest.Header> headers = new HashMap<>();
		Set<String> hiddenParameters = new HashSet<>();
		Set<String> hiddenCookies = new HashSet<>();
		if (!plan.keepToken() && token != null) {
			hideToken(request, token, headers, hiddenParameters, hiddenCookies);
		}
		for (String name : plan.removed()) {
			if (request.getHeader(name) != null) {
				headers.put(name, new ShapedRequest.Header(name, List.of()));
			}
		}
		if (claims != null) {
			for (HeaderPlan header : plan.headers()) {
				List<String> values = new ArrayList<>();
				if (header.keepClientValues()) {
					values.addAll(current(request, headers, header.key()));
				}
				for (String claim : header.claims()) {
					String value = headerValue(claims, claim, header.name());
					if (value != null) {
						values.add(value);
					}
				}
				headers.put(header.key(), new ShapedRequest.Header(header.name(), List.copyOf(values)));
			}
		}
		if (headers.isEmpty() && hiddenParameters.isEmpty() && hiddenCookies.isEmpty()) {
			return request;
		}
		return new ShapedRequest(request, headers, hiddenParameters, hiddenCookies);
	}

	private static void hideToken(HttpServletRequest request, ResolvedToken token,
			Map<String, ShapedRequest.Header> headers, Set<String> hiddenParameters, Set<String> hiddenCookies) {
		for (TokenLocation location : token.locations()) {
			switch (location.kind()) {
				case HEADER -> headers.put(location.name(), new ShapedRequest.Header(location.name(), List.of()));
				case QUERY_PARAM -> hiddenParameters.add(location.name());
				case COOKIE -> hiddenCookies.add(location.name());
			}
		}
		if (!hiddenCookies.isEmpty()) {
			headers.put(COOKIE, new ShapedRequest.Header(COOKIE, withoutCookies(request, hiddenCookies)));
		}
	}

	private static List<String> withoutCookies(HttpServletRequest request, Set<String> hidden) {
		List<String> kept = new ArrayList<>();
		for (String value : list(request.getHeaders(COOKIE))) {
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

	private static List<String> current(HttpServletRequest request, Map<String, ShapedRequest.Header> headers,
			String key) {
		ShapedRequest.Header replaced = headers.get(key);
		return (replaced != null) ? replaced.values() : list(request.getHeaders(key));
	}

	private static List<String> list(@Nullable Enumeration<String> values) {
		return (values != null) ? Collections.list(values) : List.of();
	}

	private static @Nullable String headerValue(Map<String, Object> claims, String claim, String header) {
		String value = ClaimValues.render(ClaimPaths.resolve(claims, claim));
		if (value != null && !isValidHeaderValue(value)) {
			if (logger.isDebugEnabled()) {
				logger.debug("Claim '" + claim + "' holds characters not allowed in a header; header " + header + " not set");
			}
			return null;
		}
		return value;
	}

	private static boolean isValidHeaderValue(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			// RFC 9110 field-value: visible ASCII, space, tab and obs-text (0x80-0xFF)
			if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A claim copied into a request header.
	 *
	 * @param claim the claim path
	 * @param header the header name
	 * @param append whether client-sent values of the header are kept
	 */
	public record ClaimHeader(String claim, String header, boolean append) {

		public ClaimHeader {
			Assert.hasText(claim, "claim cannot be empty");
			Assert.hasText(header, "header cannot be empty");
		}

	}

	/**
	 * How the requests of one provider are shaped.
	 *
	 * @param claimHeaders the claims copied into headers, in order
	 * @param keepToken whether the token stays visible to the application
	 */
	public record ProviderShaping(List<ClaimHeader> claimHeaders, boolean keepToken) {

		public ProviderShaping {
			Assert.notNull(claimHeaders, "claimHeaders cannot be null");
			claimHeaders = List.copyOf(claimHeaders);
		}

		/**
		 * Returns whether requests of this provider are shaped at all.
		 * @return whether some claim is copied or the token is hidden
		 */
		public boolean isShaping() {
			return !this.claimHeaders.isEmpty() || !this.keepToken;
		}

	}

	private record HeaderPlan(String name, String key, boolean keepClientValues, List<String> claims) {

	}

	private record Plan(List<HeaderPlan> headers, List<String> removed, boolean keepToken) {

		static Plan of(ProviderShaping shaping, Set<String> configured) {
			Map<String, List<ClaimHeader>> byKey = new LinkedHashMap<>();
			for (ClaimHeader header : shaping.claimHeaders()) {
				byKey.computeIfAbsent(header.header().toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
					.add(header);
			}
			List<HeaderPlan> headers = new ArrayList<>();
			byKey.forEach((key, mapped) -> headers.add(new HeaderPlan(mapped.get(0).header(), key,
					mapped.stream().allMatch(ClaimHeader::append), mapped.stream().map(ClaimHeader::claim).toList())));
			List<String> removed = configured.stream().filter((key) -> !byKey.containsKey(key)).toList();
			return new Plan(List.copyOf(headers), removed, shaping.keepToken());
		}

	}

}
