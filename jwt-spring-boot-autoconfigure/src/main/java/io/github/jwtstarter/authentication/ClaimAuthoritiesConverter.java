package io.github.jwtstarter.authentication;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.jwtstarter.jwt.ClaimPath;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Maps claims to authorities through an ordered list of {@link Mapping}s: string claims
 * are split by the mapping's delimiter, list claims are taken element-wise, other types
 * are ignored. Work is bounded: at most {@value #MAX_AUTHORITIES} authorities are made
 * per token, at most 1024 elements of a claim are looked at, values longer than 256
 * characters are skipped, and longer claims are truncated, so a huge claim costs no more
 * than a rejection.
 */
public final class ClaimAuthoritiesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

	/**
	 * Most authorities made from one token.
	 */
	public static final int MAX_AUTHORITIES = 256;

	private static final int MAX_AUTHORITY_LENGTH = 256;

	/**
	 * Most elements (list entries or delimited parts) looked at per mapping, so a huge
	 * claim of duplicates, blanks or non-strings is as cheap as a huge claim of distinct
	 * values.
	 */
	private static final int MAX_EXAMINED = 4 * MAX_AUTHORITIES;

	private final List<Mapping> mappings;

	private final ClaimPath[] paths;

	public ClaimAuthoritiesConverter(List<Mapping> mappings) {
		Assert.notNull(mappings, "mappings cannot be null");
		this.mappings = List.copyOf(mappings);
		this.paths = this.mappings.stream().map((mapping) -> ClaimPath.of(mapping.claim())).toArray(ClaimPath[]::new);
	}

	/**
	 * The default mapping: {@code scope} and {@code scp} with the {@code SCOPE_} prefix.
	 * @return the default converter
	 */
	public static ClaimAuthoritiesConverter scopes() {
		return new ClaimAuthoritiesConverter(
				List.of(new Mapping("scope", "SCOPE_", " "), new Mapping("scp", "SCOPE_", " ")));
	}

	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		Set<String> names = new LinkedHashSet<>();
		for (int i = 0; i < this.paths.length; i++) {
			Mapping mapping = this.mappings.get(i);
			Object value = this.paths[i].resolve(jwt.getClaims());
			if (value instanceof String string) {
				addSplit(names, string, mapping);
			}
			else if (value instanceof Collection<?> values) {
				addElements(names, values, mapping);
			}
		}
		List<GrantedAuthority> authorities = new ArrayList<>(names.size());
		for (String name : names) {
			authorities.add(new SimpleGrantedAuthority(name));
		}
		return authorities;
	}

	private static void addElements(Set<String> names, Collection<?> values, Mapping mapping) {
		int examined = 0;
		for (Object element : values) {
			if (names.size() >= MAX_AUTHORITIES || examined++ >= MAX_EXAMINED) {
				return;
			}
			if (element instanceof String string) {
				add(names, mapping.prefix(), string, 0, string.length());
			}
		}
	}

	private static void addSplit(Set<String> names, String value, Mapping mapping) {
		String delimiter = mapping.delimiter();
		if (delimiter.isEmpty()) {
			add(names, mapping.prefix(), value, 0, value.length());
			return;
		}
		int start = 0;
		int examined = 0;
		while (start <= value.length() && names.size() < MAX_AUTHORITIES && examined++ < MAX_EXAMINED) {
			int end = value.indexOf(delimiter, start);
			add(names, mapping.prefix(), value, start, (end < 0) ? value.length() : end);
			if (end < 0) {
				return;
			}
			start = end + delimiter.length();
		}
	}

	private static void add(Set<String> names, String prefix, String value, int start, int end) {
		int length = end - start;
		if (length > 0 && length <= MAX_AUTHORITY_LENGTH && names.size() < MAX_AUTHORITIES) {
			names.add(prefix + value.substring(start, end));
		}
	}

	/**
	 * One claim-to-authority mapping.
	 *
	 * @param claim the claim path
	 * @param prefix the prefix of each authority
	 * @param delimiter the separator of string claims
	 */
	public record Mapping(String claim, String prefix, String delimiter) {

		public Mapping {
			Assert.hasText(claim, "claim cannot be empty");
			Assert.notNull(prefix, "prefix cannot be null");
			Assert.notNull(delimiter, "delimiter cannot be null");
		}

	}

}
