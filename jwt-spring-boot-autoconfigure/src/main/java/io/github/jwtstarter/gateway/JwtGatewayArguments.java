package io.github.jwtstarter.gateway;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.github.jwtstarter.jwt.IssuerTemplate;
import io.github.jwtstarter.shaping.ClaimHeader;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The JWT route predicates and filters of Spring Cloud Gateway, by name and arguments,
 * the same on Server Web MVC and Server WebFlux: {@code JwtClaim=claim,value},
 * {@code JwtClaimRegex=claim,regex}, {@code JwtProvider=provider},
 * {@code JwtTenant=tenant}, {@code JwtAuthority=authority}, {@code JwtAuthenticated=} and
 * {@code JwtClaimsToHeaders=claim:header,...}.
 * <p>
 * A route names them in the shortcut form ({@code JwtClaim=org,solo.io}, whose arguments
 * the gateway keys {@code _genkey_0}, {@code _genkey_1}, ...) or the fully expanded form
 * ({@code name: JwtClaim} with {@code args} keyed by parameter name). Each gateway
 * flavour checks its routes here when it starts, so that a wrong argument count fails
 * startup with a message naming the route rather than a lookup failure that does not.
 * Stack-neutral: no web type.
 */
public final class JwtGatewayArguments {

	/** Route predicate: a claim (or an element of a list claim) equals a value. */
	public static final String CLAIM = "JwtClaim";

	/** Route predicate: a claim (or an element of a list claim) matches a regex. */
	public static final String CLAIM_REGEX = "JwtClaimRegex";

	/** Route predicate: the token was verified by a provider. */
	public static final String PROVIDER = "JwtProvider";

	/** Route predicate: the token was verified by a tenant of a multi-tenant provider. */
	public static final String TENANT = "JwtTenant";

	/** Route predicate: the Authentication holds an authority. */
	public static final String AUTHORITY = "JwtAuthority";

	/** Route predicate: the request carries a verified token. */
	public static final String AUTHENTICATED = "JwtAuthenticated";

	/** Route filter: claims copied into request headers. */
	public static final String CLAIMS_TO_HEADERS = "JwtClaimsToHeaders";

	private static final String GENERATED_KEY_PREFIX = "_genkey_";

	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	private static final Map<String, Operation> PREDICATES = index(
			new Operation(CLAIM, List.of("claim", "value"), "org,solo.io"),
			new Operation(CLAIM_REGEX, List.of("claim", "regex"), "email,.*@solo\\.io"),
			new Operation(PROVIDER, List.of("provider"), "kube"), new Operation(TENANT, List.of("tenant"), "acme"),
			new Operation(AUTHORITY, List.of("authority"), "SCOPE_pets.read"),
			new Operation(AUTHENTICATED, List.of(), ""));

	private static final Operation CLAIMS_TO_HEADERS_FILTER = new Operation(CLAIMS_TO_HEADERS, List.of("mappings"),
			"org:x-company,sub:x-user");

	private JwtGatewayArguments() {
	}

	/**
	 * Checks the arguments of a route predicate; a predicate not named here passes.
	 * @param route the route, as the error message names it (property path and id)
	 * @param name the predicate name as written in the route
	 * @param args the predicate arguments, generated keys for the shortcut form
	 * @throws IllegalStateException if the arguments do not fit the predicate
	 */
	public static void checkPredicate(String route, @Nullable String name, Map<String, ?> args) {
		Operation operation = (name != null) ? PREDICATES.get(key(name)) : null;
		if (operation == null) {
			return;
		}
		List<String> values = values(route, "predicate", operation, args);
		if (operation.name().equals(TENANT) && !IssuerTemplate.isValidTenant(values.get(0))) {
			throw new IllegalStateException(route + ": predicate " + TENANT + " names '" + values.get(0)
					+ "', which is not a valid tenant; a tenant is 1 to " + IssuerTemplate.MAX_TENANT_LENGTH
					+ " letters, digits, '-', '.', '_' or '~', e.g. " + TENANT + "=acme");
		}
		if (operation.name().equals(CLAIM_REGEX)) {
			try {
				Pattern.compile(values.get(1));
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalStateException(route + ": predicate " + CLAIM_REGEX + " has a regex that does not "
						+ "compile (" + ex.getDescription() + "); fix the second argument '" + values.get(1) + "'");
			}
		}
	}

	/**
	 * Checks the arguments of a route predicate as
	 * {@link #checkPredicate(String, String, Map)} does and, for {@code JwtProvider},
	 * that it names a configured provider.
	 * @param route the route, as the error message names it (property path and id)
	 * @param name the predicate name as written in the route
	 * @param args the predicate arguments, generated keys for the shortcut form
	 * @param providerIds the keys under {@code jwt.providers}
	 * @throws IllegalStateException if the arguments do not fit the predicate
	 */
	public static void checkPredicate(String route, @Nullable String name, Map<String, ?> args,
			Set<String> providerIds) {
		checkPredicate(route, name, args);
		if (name == null || !key(name).equals(key(PROVIDER))) {
			return;
		}
		String id = String.valueOf(args.values().iterator().next());
		if (!providerIds.contains(id)) {
			throw new IllegalStateException(route + ": predicate " + PROVIDER + " names provider '" + id
					+ "', which is not configured; use one of " + providerIds + " (the keys under jwt.providers)");
		}
	}

	/**
	 * Checks the arguments of a route filter; a filter not named here passes.
	 * @param route the route, as the error message names it (property path and id)
	 * @param name the filter name as written in the route
	 * @param args the filter arguments, generated keys for the shortcut form
	 * @throws IllegalStateException if the arguments do not fit the filter
	 */
	public static void checkFilter(String route, @Nullable String name, Map<String, ?> args) {
		if (name == null || !key(name).equals(key(CLAIMS_TO_HEADERS))) {
			return;
		}
		boolean shortcut = isShortcut(args);
		List<String> mappings = new ArrayList<>();
		if (shortcut) {
			args.values().forEach((value) -> mappings.add(String.valueOf(value)));
		}
		else if (args.size() == 1 && args.get("mappings") != null) {
			for (String mapping : StringUtils.commaDelimitedListToStringArray(String.valueOf(args.get("mappings")))) {
				if (!mapping.isBlank()) {
					mappings.add(mapping.strip());
				}
			}
		}
		if (mappings.isEmpty()) {
			throw new IllegalStateException(route + ": filter " + CLAIMS_TO_HEADERS + " needs at least one "
					+ "claim:header mapping but got " + args.values() + "; write " + CLAIMS_TO_HEADERS + "="
					+ CLAIMS_TO_HEADERS_FILTER.example() + " or name: " + CLAIMS_TO_HEADERS
					+ " with args: {mappings: \"" + CLAIMS_TO_HEADERS_FILTER.example() + "\"}");
		}
		try {
			claimHeaders(mappings.toArray(String[]::new));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(route + ": filter " + CLAIMS_TO_HEADERS + ": " + ex.getMessage());
		}
	}

	/**
	 * Parses the arguments of {@code JwtClaimsToHeaders}: each {@code claim:header}. The
	 * header name follows the last colon, so a claim path may itself contain colons
	 * ({@code https://example.com/org:x-company}).
	 * @param mappings the mappings
	 * @return the claim headers, in order
	 * @throws IllegalArgumentException if a mapping lacks a claim or a valid header name
	 */
	public static List<ClaimHeader> claimHeaders(String... mappings) {
		Assert.notNull(mappings, "mappings cannot be null");
		Assert.isTrue(mappings.length > 0, "mappings cannot be empty: write claim:header, e.g. org:x-company");
		List<ClaimHeader> headers = new ArrayList<>(mappings.length);
		for (String mapping : mappings) {
			Assert.notNull(mapping, "mappings cannot contain null");
			int colon = mapping.lastIndexOf(':');
			String claim = (colon < 0) ? "" : mapping.substring(0, colon).strip();
			String header = (colon < 0) ? "" : mapping.substring(colon + 1).strip();
			if (claim.isEmpty() || !HEADER_NAME.matcher(header).matches()) {
				throw new IllegalArgumentException("mapping '" + mapping + "' is not claim:header with a valid header "
						+ "name; write it as e.g. org:x-company");
			}
			headers.add(ClaimHeader.of(claim, header));
		}
		return List.copyOf(headers);
	}

	private static List<String> values(String route, String kind, Operation operation, Map<String, ?> args) {
		List<String> parameters = operation.parameters();
		List<String> values = new ArrayList<>();
		if (isShortcut(args)) {
			args.values().forEach((value) -> values.add(String.valueOf(value)));
			if (values.size() == parameters.size()) {
				return values;
			}
		}
		else if (args.keySet().equals(new HashSet<>(parameters))) {
			parameters.forEach((parameter) -> values.add(String.valueOf(args.get(parameter))));
			return values;
		}
		throw new IllegalStateException(route + ": " + kind + " " + operation.name() + " takes " + arguments(parameters)
				+ " but got "
				+ ((isShortcut(args) || args.isEmpty()) ? args.size() + " " + args.values() : "args " + args.keySet())
				+ "; write " + operation.shortcut()
				+ (parameters.isEmpty() ? " (or name: " + operation.name() + ")"
						: " or name: " + operation.name() + " with args " + parameters)
				+ (operation.name().equals(CLAIM_REGEX) && values.size() > 2
						? " (a regex containing ',' needs the expanded form)" : ""));
	}

	private static String arguments(List<String> parameters) {
		return switch (parameters.size()) {
			case 0 -> "no arguments";
			case 1 -> "1 argument (" + parameters.get(0) + ")";
			default -> parameters.size() + " arguments (" + String.join(", ", parameters) + ")";
		};
	}

	private static boolean isShortcut(Map<String, ?> args) {
		return args.keySet().stream().anyMatch((key) -> key.startsWith(GENERATED_KEY_PREFIX));
	}

	private static String key(String name) {
		return StringUtils.uncapitalize(name);
	}

	private static Map<String, Operation> index(Operation... operations) {
		Map<String, Operation> index = new LinkedHashMap<>();
		for (Operation operation : operations) {
			index.put(key(operation.name()), operation);
		}
		return Map.copyOf(index);
	}

	private record Operation(String name, List<String> parameters, String example) {

		String shortcut() {
			return this.name + "=" + this.example;
		}

	}

}
