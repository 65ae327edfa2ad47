package io.github.jwtstarter.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property table of README's "Properties" section, one {@link Row} per property: its
 * name ({@code jwt.providers.<id>.jwks.uri}, {@code jwt.routes[i].paths}) and its default
 * cell. Tests of each module hold the rows of their properties against the configuration
 * metadata the build generates.
 */
public final class ReadmePropertyTable {

	private static final Pattern ROW = Pattern.compile("^\\|\\s*`(jwt\\.[^`]+)`\\s*\\|([^|]*)\\|");

	private static final Pattern CODE = Pattern.compile("`([^`]*)`");

	private ReadmePropertyTable() {
	}

	/**
	 * Reads the rows of the table.
	 * @param readme README.md (from a module's directory, {@code ../README.md})
	 * @return the rows, in README's order
	 */
	public static List<Row> read(Path readme) {
		List<String> lines;
		try {
			lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int start = lines.indexOf("## Properties");
		assertThat(start).as("README's \"## Properties\" section").isNotNegative();
		List<Row> rows = new ArrayList<>();
		for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
			Matcher row = ROW.matcher(lines.get(i));
			if (row.find()) {
				rows.add(new Row(row.group(1), row.group(2).trim(), i + 1));
			}
		}
		assertThat(rows).as("rows of README's property table").isNotEmpty();
		return rows;
	}

	/**
	 * Returns a property name with its map keys as {@code *} and its list indexes as
	 * {@code [*]}, so that README's {@code jwt.providers.<id>.authorities[i].claim} and a
	 * name built from the nested types compare equal.
	 * @param name a property name
	 * @return the name in that form
	 */
	public static String pattern(String name) {
		return name.replaceAll("<[^>]+>", "*").replaceAll("\\[[a-z]\\]", "[*]");
	}

	/**
	 * A row of the table.
	 *
	 * @param name the property, as README writes it
	 * @param defaultCell the default column
	 * @param line the row's line in README
	 */
	public record Row(String name, String defaultCell, int line) {

		/**
		 * Returns the documented default: the first code span of the default cell, or
		 * {@code null} when the cell has none ("—", "unset", "any"). {@code []} is an
		 * empty list; a span naming another property ({@code jwt.validation-policy}) says
		 * the default is that property's value.
		 * @return the documented default, or {@code null}
		 */
		public @Nullable String documentedDefault() {
			Matcher code = CODE.matcher(this.defaultCell);
			return code.find() ? code.group(1) : null;
		}

		/**
		 * Returns the row's name with map keys as {@code *} and list indexes as
		 * {@code [*]}.
		 * @return the pattern of the name
		 */
		public String pattern() {
			return ReadmePropertyTable.pattern(this.name);
		}

		@Override
		public String toString() {
			return "`" + this.name + "` (README.md:" + this.line + ")";
		}

	}

}
