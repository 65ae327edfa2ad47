package io.github.jwtstarter.matrix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import com.jayway.jsonpath.JsonPath;
import org.jspecify.annotations.Nullable;

/**
 * The declaration of the matrix, {@code matrix.json} next to this class: README's rows
 * with the scenarios and tests that prove each, and the one place that says which
 * scenario does not apply to which flavour, and why. {@code .ci/check-matrix} reads the
 * same file.
 */
public final class Matrix {

	private static final String JSON = read();

	private static final Map<String, Map<String, String>> notApplicable = JsonPath.read(JSON, "$.notApplicable");

	private static final Map<String, String> runners = JsonPath.read(JSON, "$.runners");

	private Matrix() {
	}

	/**
	 * Returns why a scenario class, or one scenario of it, does not apply to a flavour.
	 * @param scenarios the scenario class
	 * @param method the scenario method, or {@code null} for the whole class
	 * @param flavour the flavour
	 * @return the reason, empty when the scenario applies
	 */
	public static Optional<String> notApplicable(Class<?> scenarios, @Nullable String method, Flavour flavour) {
		String key = scenarios.getSimpleName() + ((method != null) ? "#" + method : "");
		Map<String, String> reasons = notApplicable.getOrDefault(key, Map.of());
		return Optional.ofNullable(reasons.get(flavour.id()));
	}

	/**
	 * Fails unless {@code matrix.json} declares the runner with its flavour, so that
	 * {@code .ci/check-matrix} counts its scenarios in the right column.
	 * @param runner the runner
	 */
	static void assertDeclared(MatrixRunner runner) {
		String flavour = runners.get(runner.name());
		if (!runner.flavour().id().equals(flavour)) {
			throw new IllegalStateException("matrix.json must declare runner '" + runner.name() + "' as \""
					+ runner.name() + "\": \"" + runner.flavour().id() + "\" in \"runners\" (it says " + flavour + ")");
		}
	}

	private static String read() {
		try (InputStream in = Matrix.class.getResourceAsStream("matrix.json")) {
			if (in == null) {
				throw new IllegalStateException("matrix.json is missing next to " + Matrix.class.getName());
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("matrix.json cannot be read", ex);
		}
	}

}
