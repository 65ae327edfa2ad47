package io.github.jwtstarter.shaping;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * Finds the request headers that an upstream may read as one of the claim headers
 * although their names differ: CGI, WSGI and similar gateways turn {@code X-User},
 * {@code X_User} and {@code x_user} alike into {@code HTTP_X_USER}, so a client-sent
 * {@code X_User} next to a derived {@code X-User} is a spoofed claim there. Names are
 * compared case-insensitively with {@code _} and {@code -} taken as the same character; a
 * name that is itself configured is not a lookalike (it is written or removed as
 * configured). Immutable; the configured names are prepared once.
 */
final class HeaderLookalikes {

	private final Set<String> configured;

	private final Set<String> normalized;

	private final Set<Integer> lengths;

	/**
	 * Creates the finder.
	 * @param configured the lower-case names of the claim headers
	 */
	HeaderLookalikes(Collection<String> configured) {
		Assert.notNull(configured, "configured cannot be null");
		this.configured = Set.copyOf(configured);
		Set<String> normalized = new HashSet<>();
		Set<Integer> lengths = new HashSet<>();
		for (String name : configured) {
			normalized.add(normalize(name));
			lengths.add(name.length());
		}
		this.normalized = Set.copyOf(normalized);
		this.lengths = Set.copyOf(lengths);
	}

	/**
	 * Adds a removal to the edits for every request header that looks like a claim header
	 * without being one.
	 * @param requestHeaderNames the names of the request's headers
	 * @param edits the headers replaced so far, by lower-case name
	 */
	void removeFrom(Iterable<String> requestHeaderNames, Map<String, RequestEdits.Header> edits) {
		if (this.configured.isEmpty()) {
			return;
		}
		for (String name : requestHeaderNames) {
			// most request headers differ in length from every claim header: no
			// allocation for them
			if (!this.lengths.contains(name.length())) {
				continue;
			}
			String key = ClaimHeaders.key(name);
			if (!this.configured.contains(key) && this.normalized.contains(normalize(key))) {
				edits.putIfAbsent(key, new RequestEdits.Header(name, List.of()));
			}
		}
	}

	private static String normalize(String name) {
		return name.toLowerCase(Locale.ROOT).replace('_', '-');
	}

	@Override
	public String toString() {
		return "HeaderLookalikes" + this.configured;
	}

}
