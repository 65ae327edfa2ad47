package io.github.jwtstarter.jwt;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The text form of claim values, shared by claim headers and claim predicates: strings as
 * is, numbers and booleans as text, instants ({@code exp}, {@code iat}, {@code nbf}) as
 * epoch seconds, lists comma-separated, objects as compact JSON. Stack-neutral, so that
 * every web stack and gateway flavour renders claims alike.
 */
public final class ClaimValues {

	private static final Log logger = LogFactory.getLog(ClaimValues.class);

	private ClaimValues() {
	}

	/**
	 * Renders a claim as the value of a request header, the rule of
	 * {@code claims-to-headers}: the claim's text form, unless it holds control
	 * characters, which no header value may carry.
	 * @param claims the verified token's claims
	 * @param claim the claim path
	 * @return the header value, or {@code null} when the claim is absent, renders to
	 * nothing, or holds control characters
	 */
	public static @Nullable String headerValue(Map<String, Object> claims, String claim) {
		return checkedHeaderValue(ClaimPath.resolve(claims, claim), claim);
	}

	/**
	 * Renders a claim for a request header, as {@link #headerValue(Map, String)}, with a
	 * path parsed once.
	 * @param claims the token's claims
	 * @param claim the claim path
	 * @return the header value, or {@code null} when the claim is absent or holds control
	 * characters
	 */
	public static @Nullable String headerValue(Map<String, Object> claims, ClaimPath claim) {
		return checkedHeaderValue(claim.resolve(claims), claim);
	}

	private static @Nullable String checkedHeaderValue(@Nullable Object claimValue, Object claim) {
		String value = render(claimValue);
		if (value != null && !isValidHeaderValue(value)) {
			if (logger.isDebugEnabled()) {
				logger.debug("Claim '" + claim + "' holds characters not allowed in a header; not copied");
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
	 * Renders a claim value as text.
	 * @param value the claim value
	 * @return the text, or {@code null} when the claim is absent, an empty list, or
	 * cannot be rendered
	 */
	static @Nullable String render(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Collection<?> list) {
			List<String> elements = new ArrayList<>(list.size());
			for (Object element : list) {
				String text = element(element);
				if (text != null) {
					elements.add(text);
				}
			}
			return elements.isEmpty() ? null : String.join(",", elements);
		}
		return element(value);
	}

	/**
	 * Returns whether the claim's text form passes the test; for a list claim, whether
	 * one of its elements does.
	 * @param value the claim value
	 * @param test the test of a text form
	 * @return whether the claim passes
	 */
	public static boolean anyMatches(@Nullable Object value, Predicate<String> test) {
		if (value instanceof Collection<?> list) {
			for (Object element : list) {
				String text = element(element);
				if (text != null && test.test(text)) {
					return true;
				}
			}
			return false;
		}
		String text = element(value);
		return text != null && test.test(text);
	}

	@SuppressWarnings("unchecked")
	private static @Nullable String element(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof String string) {
			return string;
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		if (value instanceof Instant instant) {
			return Long.toString(instant.getEpochSecond());
		}
		try {
			if (value instanceof Map<?, ?> object) {
				return JSONObjectUtils.toJSONString((Map<String, ?>) object);
			}
			if (value instanceof List<?> list) {
				return JSONArrayUtils.toJSONString(list);
			}
		}
		catch (RuntimeException ex) {
			return null;
		}
		return value.toString();
	}

}
