package io.github.jwtstarter.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.ResolvableType;

/**
 * The property names {@link JwtProperties} accepts, derived once from its JavaBean
 * structure: nested objects, maps keyed by a user's choice ({@code providers.<id>},
 * {@code rbac.policies.<name>}), lists by index, and free-form maps
 * ({@code required-claims}, principal {@code claims}) that accept any key.
 */
final class JwtPropertyNames {

	private final Node root;

	JwtPropertyNames() {
		this(List.of());
	}

	/**
	 * Creates the names of {@link JwtProperties} and of the namespaces other modules bind
	 * under {@code jwt.}.
	 * @param namespaces the other modules' namespaces
	 */
	JwtPropertyNames(List<JwtPropertyNamespace> namespaces) {
		Node properties = node(ResolvableType.forClass(JwtProperties.class), JwtProperties.class);
		Map<String, Node> children = new LinkedHashMap<>(properties.children());
		Map<String, String> names = new LinkedHashMap<>(properties.names());
		for (JwtPropertyNamespace namespace : namespaces) {
			String dashed = dashed(namespace.name());
			names.put(dashed.replace("-", ""), dashed);
			children.put(dashed.replace("-", ""),
					node(ResolvableType.forClass(namespace.properties()), namespace.properties()));
		}
		this.root = new Node(Kind.BEAN, children, names, null);
	}

	/**
	 * Check a name under {@code jwt.}.
	 * @param name the full property name, e.g. {@code jwt.providers.corp.audience}
	 * @return {@code null} when the name is known, else the closest known name
	 */
	@Nullable String closestKnownName(ConfigurationPropertyName name) {
		Node node = this.root;
		StringBuilder known = new StringBuilder(name.getElement(0, ConfigurationPropertyName.Form.ORIGINAL));
		for (int i = 1; i < name.getNumberOfElements(); i++) {
			String element = name.getElement(i, ConfigurationPropertyName.Form.DASHED);
			Node next = node.next(name.getElement(i, ConfigurationPropertyName.Form.UNIFORM), name.isNumericIndex(i));
			if (next == null) {
				return known + node.closestChild(element);
			}
			if (next.kind == Kind.ANY) {
				return null;
			}
			String original = name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL);
			known.append(switch (node.kind) {
				case BEAN -> "." + node.names.get(element.replace("-", ""));
				case LIST -> "[" + original + "]";
				default -> "." + original;
			});
			node = next;
		}
		return null;
	}

	private static Node node(ResolvableType type, Class<?> root) {
		Class<?> resolved = type.resolve(Object.class);
		if (Map.class.isAssignableFrom(resolved)) {
			Node value = node(type.asMap().getGeneric(1), root);
			return (value.kind == Kind.BEAN) ? new Node(Kind.MAP, Map.of(), Map.of(), value) : Node.ANY;
		}
		if (List.class.isAssignableFrom(resolved)) {
			return new Node(Kind.LIST, Map.of(), Map.of(), node(type.asCollection().getGeneric(0), root));
		}
		if (!resolved.getName().startsWith(root.getName()) || resolved.isEnum()) {
			return Node.LEAF;
		}
		Map<String, Node> children = new LinkedHashMap<>();
		Map<String, String> names = new LinkedHashMap<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(resolved)) {
			if (descriptor.getReadMethod() != null && !"class".equals(descriptor.getName())) {
				String dashed = dashed(descriptor.getName());
				names.put(dashed.replace("-", ""), dashed);
				children.put(dashed.replace("-", ""),
						node(ResolvableType.forMethodReturnType(descriptor.getReadMethod()), root));
			}
		}
		return new Node(Kind.BEAN, children, names, null);
	}

	private static String dashed(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private enum Kind {

		BEAN, MAP, LIST, LEAF, ANY

	}

	/**
	 * One level of the property tree; {@code children} keyed by the uniform form of a
	 * name (lower case, no dashes), {@code names} from that form to the dashed one.
	 */
	private record Node(Kind kind, Map<String, Node> children, Map<String, String> names, @Nullable Node element) {

		static final Node LEAF = new Node(Kind.LEAF, Map.of(), Map.of(), null);

		static final Node ANY = new Node(Kind.ANY, Map.of(), Map.of(), null);

		@Nullable Node next(String element, boolean numeric) {
			return switch (this.kind) {
				case BEAN -> this.children.get(element);
				case MAP -> this.element;
				case LIST -> numeric ? this.element : null;
				case ANY -> this;
				case LEAF -> null;
			};
		}

		String closestChild(String element) {
			if (this.kind == Kind.LIST) {
				return "[0]";
			}
			String closest = null;
			int best = Integer.MAX_VALUE;
			for (String child : this.names.values()) {
				int distance = distance(element, child);
				if (distance < best) {
					best = distance;
					closest = child;
				}
			}
			return (closest != null) ? "." + closest : "";
		}

	}

}
