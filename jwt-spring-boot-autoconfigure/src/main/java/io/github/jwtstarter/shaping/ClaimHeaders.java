package io.github.jwtstarter.shaping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.github.jwtstarter.jwt.ClaimPath;
import io.github.jwtstarter.jwt.ClaimValues;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The one writer of claim headers, for {@code claims-to-headers} ({@link RequestShaping})
 * and both gateways' {@code JwtClaimsToHeaders} filters: each mapped header gets the
 * values of its claims, rendered as {@link ClaimValues#headerValue} renders them, after
 * the client-sent values when every mapping of that header {@code append}s, else instead
 * of them. Without a verified token, every mapped header is removed. Header names are
 * compared case-insensitively, and a client-sent header whose name differs from a mapped
 * one only in {@code _} for {@code -} (which CGI and WSGI upstreams read as the same
 * header) is removed in any case; the plan is computed once.
 */
public final class ClaimHeaders {

	private final List<HeaderPlan> headers;

	private final HeaderLookalikes lookalikes;

	/**
	 * Creates the writer.
	 * @param mappings the claims copied into headers, in order
	 */
	public ClaimHeaders(List<ClaimHeader> mappings) {
		Assert.notNull(mappings, "mappings cannot be null");
		Map<String, List<ClaimHeader>> byKey = new LinkedHashMap<>();
		for (ClaimHeader mapping : mappings) {
			byKey.computeIfAbsent(key(mapping.header()), (key) -> new ArrayList<>()).add(mapping);
		}
		List<HeaderPlan> headers = new ArrayList<>(byKey.size());
		byKey.forEach((key, mapped) -> headers
			.add(new HeaderPlan(mapped.get(0).header(), key, mapped.stream().allMatch(ClaimHeader::append),
					mapped.stream().map((mapping) -> ClaimPath.of(mapping.claim())).toList())));
		this.headers = List.copyOf(headers);
		this.lookalikes = new HeaderLookalikes(byKey.keySet());
	}

	/**
	 * Returns the lower-case names of the headers written.
	 * @return the header names
	 */
	public Set<String> names() {
		Set<String> names = new java.util.LinkedHashSet<>();
		this.headers.forEach((header) -> names.add(header.key()));
		return names;
	}

	/**
	 * Returns whether no header is written.
	 * @return whether there is no mapping
	 */
	public boolean isEmpty() {
		return this.headers.isEmpty();
	}

	/**
	 * Computes the headers of a request.
	 * @param claims the verified token's claims, {@code null} when the request has no
	 * verified token
	 * @param requestHeaders the request's values of a header (case-insensitive name)
	 * @param requestHeaderNames the names of the request's headers
	 * @return the edits
	 */
	public RequestEdits edits(@Nullable Map<String, Object> claims, Function<String, List<String>> requestHeaders,
			Iterable<String> requestHeaderNames) {
		if (this.headers.isEmpty()) {
			return RequestEdits.NONE;
		}
		Map<String, RequestEdits.Header> edits = new HashMap<>();
		write(claims, requestHeaders, edits);
		this.lookalikes.removeFrom(requestHeaderNames, edits);
		return new RequestEdits(edits, Set.of(), Set.of());
	}

	/**
	 * Writes the headers of a request into edits under way.
	 * @param claims the verified token's claims, {@code null} when the request has no
	 * verified token
	 * @param requestHeaders the request's values of a header (case-insensitive name)
	 * @param edits the headers replaced so far, by lower-case name
	 */
	void write(@Nullable Map<String, Object> claims, Function<String, List<String>> requestHeaders,
			Map<String, RequestEdits.Header> edits) {
		for (HeaderPlan header : this.headers) {
			List<String> values = new ArrayList<>();
			if (claims != null) {
				if (header.keepClientValues()) {
					RequestEdits.Header replaced = edits.get(header.key());
					values.addAll((replaced != null) ? replaced.values() : requestHeaders.apply(header.key()));
				}
				for (ClaimPath claim : header.claims()) {
					String value = ClaimValues.headerValue(claims, claim);
					if (value != null) {
						values.add(value);
					}
				}
			}
			edits.put(header.key(), new RequestEdits.Header(header.name(), values));
		}
	}

	static String key(String header) {
		return header.toLowerCase(Locale.ROOT);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ClaimHeaders that && this.headers.equals(that.headers));
	}

	@Override
	public int hashCode() {
		return this.headers.hashCode();
	}

	@Override
	public String toString() {
		return this.headers.stream().map(HeaderPlan::toString).toList().toString();
	}

	private record HeaderPlan(String name, String key, boolean keepClientValues, List<ClaimPath> claims) {

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder();
			this.claims.forEach((claim) -> text.append((text.length() > 0) ? "," : "").append(claim));
			return text + ":" + this.name + (this.keepClientValues ? " (append)" : "");
		}

	}

}
