package io.github.jwtstarter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;

import org.springframework.boot.autoconfigure.AutoConfiguration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structure README's "Java surface" and CONTRIBUTING describe, checked on the
 * compiled classes with ArchUnit: packages without cycles, in layers (the stack-neutral
 * core, one thin layer per web stack, the integrations, the auto-configuration), a core
 * that imports no type of one web stack, no type README calls "not API" in the signature
 * of a user-facing type, and one naming style for test classes. Each failure names the
 * offending class and what to do.
 */
class ArchitectureTests {

	private static final String ROOT = "io.github.jwtstarter";

	/**
	 * The stack-neutral core: these packages themselves, not their servlet or reactive
	 * layers.
	 */
	private static final String[] CORE = { ROOT + ".jwt", ROOT + ".authentication", ROOT + ".authorization",
			ROOT + ".routing", ROOT + ".shaping", ROOT + ".web" };

	private static final String[] SERVLET = { ROOT + ".*.servlet..", ROOT + ".gateway.mvc.." };

	private static final String[] REACTIVE = { ROOT + ".*.reactive..", ROOT + ".gateway.webflux.." };

	/** Types of one web stack (servlet or reactive), or of an integration. */
	private static final String[] ONE_STACK = { "jakarta.servlet..", "org.springframework.web.servlet..",
			"org.springframework.web.filter..", "org.springframework.web.context..", "org.springframework.web.server..",
			"org.springframework.web.reactive..", "org.springframework.http.server.reactive..",
			"org.springframework.http.client.reactive..", "org.springframework.security.web..",
			"org.springframework.security.config.annotation.web..", "org.springframework.security.config.web..",
			"org.springframework.boot.webmvc..", "org.springframework.boot.webflux..",
			"org.springframework.cloud.gateway..", "reactor.." };

	private static final Path README = Path.of("../README.md");

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	private static final Pattern TYPE_NAME = Pattern.compile("@?([A-Z][A-Za-z0-9*]*)");

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	private static final JavaClasses TESTS = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void packagesHaveNoCycles() {
		slices().matching(ROOT + ".(**)")
			.namingSlices("$1")
			.should()
			.beFreeOfCycles()
			.because("arrows between the starter's packages point one way only (CONTRIBUTING, STYLE): move the "
					+ "type that closes the cycle into the lower package, or let the lower package define an "
					+ "interface that the upper one implements")
			.check(MAIN);
	}

	@Test
	void packagesFormLayers() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("core")
			.definedBy(CORE)
			.layer("web stack")
			.definedBy(ROOT + ".*.servlet..", ROOT + ".*.reactive..")
			.layer("integration")
			.definedBy(ROOT + ".gateway..", ROOT + ".actuate..")
			.layer("auto-configuration")
			.definedBy(ROOT + ".autoconfigure..")
			.whereLayer("auto-configuration")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("integration")
			.mayOnlyBeAccessedByLayers("auto-configuration")
			.whereLayer("web stack")
			.mayOnlyBeAccessedByLayers("integration", "auto-configuration")
			.because("the stack-neutral core is used by one thin layer per web stack (….servlet, ….reactive), "
					+ "which the integrations (gateway.*, actuate) use, and the auto-configuration sits on top: "
					+ "move a type that a lower layer needs down into that layer, or pass it in from above")
			.check(MAIN);
	}

	@Test
	void servletAndReactiveLayersDoNotUseEachOther() {
		noClasses().that()
			.resideInAnyPackage(SERVLET)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(REACTIVE)
			.because("a servlet application has no WebFlux on its class path: move what both stacks need into "
					+ "the stack-neutral package above them")
			.check(MAIN);
		noClasses().that()
			.resideInAnyPackage(REACTIVE)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(SERVLET)
			.because("a WebFlux application has no Servlet API on its class path: move what both stacks need "
					+ "into the stack-neutral package above them")
			.check(MAIN);
	}

	@Test
	void stackNeutralCoreImportsNoTypeOfOneWebStack() {
		noClasses().that()
			.resideInAnyPackage(CORE)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ONE_STACK)
			.orShould()
			.dependOnClassesThat(servletServerHttpTypes())
			.because("jwt, authentication, authorization, routing, shaping and web serve every stack: move the "
					+ "part that needs a servlet, WebFlux, Reactor or gateway type into the package's .servlet or "
					+ ".reactive layer (or gateway.*), and let it adapt the core's stack-neutral types")
			.check(MAIN);
	}

	@Test
	void typesReadmeCallsNotApiStayOutOfUserFacingSignatures() {
		JavaSurface surface = JavaSurface.read();
		members().that(areApi())
			.and()
			.areDeclaredInClassesThat(areIn(surface.userFacing()))
			.should(nameNoTypeOf(surface.notApi()))
			.because("README's Java surface promises that types it lists as not API may change in any release, "
					+ "so no user-facing type may hand them out or take them")
			.allowEmptyShould(false)
			.check(MAIN);
		classes().that(areIn(surface.userFacing())).should(extendNoTypeOf(surface.notApi())).check(MAIN);
	}

	@Test
	void everyPublicTypeIsDocumentedAsApiOrAsNotApi() {
		JavaSurface surface = JavaSurface.read();
		classes().that()
			.arePublic()
			.and()
			.areTopLevelClasses()
			.should(beNamedIn(surface))
			.because("public only what a user touches (STYLE): a public type is either in README's Java surface "
					+ "or in its list of types public only because another package uses them")
			.check(MAIN);
	}

	@Test
	void readmeNamesNoTypeAsBothApiAndNotApi() {
		JavaSurface surface = JavaSurface.read();
		List<String> both = surface.userFacingNames()
			.stream()
			.filter((name) -> surface.notApiNames().contains(name))
			.toList();
		assertThat(both).as("README's Java surface lists these as user-facing and as not API: keep one").isEmpty();
		List<String> unknown = surface.notApiNames()
			.stream()
			.filter((name) -> MAIN.stream()
				.noneMatch((type) -> type.getModifiers().contains(JavaModifier.PUBLIC)
						&& matches(name, type.getSimpleName())))
			.toList();
		assertThat(unknown)
			.as("README's Java surface lists these as not API, but no public type of the starter has that name: "
					+ "remove them from the list")
			.isEmpty();
	}

	@Test
	void testClassesEndInTestsAndMatrixScenariosInScenarios() {
		classes().that(declareOrInheritTests())
			.and()
			.resideInAPackage("..matrix.scenarios..")
			.should()
			.haveSimpleNameEndingWith("Scenarios")
			.because("the scenario matrix runs the classes named …Scenarios on every runner (CONTRIBUTING): rename "
					+ "the class to end in Scenarios")
			.check(TESTS);
		classes().that(declareOrInheritTests())
			.and()
			.resideOutsideOfPackage("..matrix.scenarios..")
			.should()
			.haveSimpleNameEndingWith("Tests")
			.because("surefire runs **/*Tests.java: rename the class to end in Tests (a scenario that runs on every "
					+ "flavour belongs in matrix/scenarios as …Scenarios)")
			.check(TESTS);
		noClasses().should()
			.haveSimpleNameEndingWith("Test")
			.orShould()
			.haveSimpleNameEndingWith("IT")
			.because("test classes end in Tests, never Test or IT: rename the class")
			.check(TESTS);
	}

	@Test
	void testClassesOfEveryModuleEndInTests() throws IOException {
		Pattern testMethod = Pattern.compile("@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b");
		Pattern extendsTests = Pattern.compile("\\bclass \\w+ extends (\\w+)(Tests|Scenarios)\\b");
		List<String> misnamed = new ArrayList<>();
		for (Path module : modules()) {
			Path tests = module.resolve("src/test/java");
			if (!Files.isDirectory(tests)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(tests)) {
				for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
					String name = file.getFileName().toString().replace(".java", "");
					String source = Files.readString(file, StandardCharsets.UTF_8);
					boolean test = testMethod.matcher(source).find() || extendsTests.matcher(source).find();
					boolean scenarios = file.toString().contains("/matrix/scenarios/");
					String expected = scenarios ? "Scenarios" : "Tests";
					if ((test && !name.endsWith(expected)) || name.endsWith("Test") || name.endsWith("IT")) {
						misnamed.add(file.normalize() + ": a test class ends in " + expected + " (rename it)");
					}
				}
			}
		}
		assertThat(misnamed)
			.as("test classes of the build's modules named otherwise than …Tests: surefire runs "
					+ "**/*Tests.java only, so they would not run")
			.isEmpty();
	}

	private static List<Path> modules() throws IOException {
		String pom = Files.readString(Path.of("../pom.xml"), StandardCharsets.UTF_8);
		Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
		List<Path> modules = new ArrayList<>();
		while (module.find()) {
			modules.add(Path.of("..", module.group(1)));
		}
		assertThat(modules).as("modules of the root pom").isNotEmpty();
		return modules;
	}

	private static DescribedPredicate<JavaClass> servletServerHttpTypes() {
		return DescribedPredicate.describe("are servlet types of org.springframework.http.server",
				(type) -> type.getPackageName().equals("org.springframework.http.server")
						&& type.getSimpleName().startsWith("Servlet"));
	}

	private static DescribedPredicate<JavaMember> areApi() {
		return DescribedPredicate.describe("are public or protected", (member) -> {
			Set<JavaModifier> modifiers = member.getModifiers();
			return (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
					&& !modifiers.contains(JavaModifier.SYNTHETIC) && !modifiers.contains(JavaModifier.BRIDGE);
		});
	}

	private static DescribedPredicate<JavaClass> areIn(Set<String> types) {
		return DescribedPredicate.describe("are user-facing (README's Java surface)",
				(type) -> types.contains(type.getName()));
	}

	private static DescribedPredicate<JavaClass> declareOrInheritTests() {
		return DescribedPredicate.describe("declare or inherit test methods", (type) -> type.isTopLevelClass()
				&& type.getAllMethods().stream().anyMatch((method) -> method.isMetaAnnotatedWith(Testable.class)));
	}

	private static ArchCondition<JavaMember> nameNoTypeOf(Set<String> notApi) {
		return new ArchCondition<>("name no type that README lists as not API") {

			@Override
			public void check(JavaMember member, ConditionEvents events) {
				Set<JavaClass> named = new LinkedHashSet<>();
				if (member instanceof JavaField field) {
					named.addAll(field.getType().getAllInvolvedRawTypes());
				}
				if (member instanceof JavaCodeUnit codeUnit) {
					codeUnit.getParameterTypes().forEach((type) -> named.addAll(type.getAllInvolvedRawTypes()));
					codeUnit.getThrowsClause().getTypes().forEach(named::add);
				}
				if (member instanceof JavaMethod method) {
					named.addAll(method.getReturnType().getAllInvolvedRawTypes());
				}
				named.stream()
					.filter((type) -> notApi.contains(type.getName()))
					.forEach((type) -> events.add(SimpleConditionEvent.violated(member,
							member.getDescription() + " names " + type.getName()
									+ ", which README's Java surface lists as not API: make "
									+ "the member package-private, or hand out or take a user-facing type instead, or "
									+ "document " + type.getSimpleName() + " as API (README's Java surface)")));
			}

		};
	}

	private static ArchCondition<JavaClass> extendNoTypeOf(Set<String> notApi) {
		return new ArchCondition<>("extend or implement no type that README lists as not API") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				Stream.concat(type.getRawSuperclass().stream(), type.getRawInterfaces().stream())
					.filter((supertype) -> notApi.contains(supertype.getName()))
					.forEach((supertype) -> events.add(SimpleConditionEvent.violated(type,
							type.getName() + " extends " + supertype.getName()
									+ ", which README's Java surface lists as not API: "
									+ "extend a user-facing type, or document " + supertype.getSimpleName()
									+ " as API (README's Java surface)")));
			}

		};
	}

	private static ArchCondition<JavaClass> beNamedIn(JavaSurface surface) {
		return new ArchCondition<>("be named in README's Java surface") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				if (!surface.userFacing().contains(type.getName()) && !surface.notApi().contains(type.getName())) {
					events.add(SimpleConditionEvent.violated(type, type.getName()
							+ " is public but README's Java surface does not name it: make it package-private if "
							+ "no other package of the starter, the test module or the samples uses it; otherwise "
							+ "list it as user-facing or among the types that are not API"));
				}
			}

		};
	}

	private static boolean matches(String documented, String simpleName) {
		return simpleName.matches(documented.replace("*", "\\w*"));
	}

	/**
	 * README's "Java surface" section: the names in backticks of its paragraph that says
	 * "not an API" are not API, every other name there is user-facing, and so are the
	 * auto-configuration classes ("for {@code exclude}"). Names match the simple names of
	 * the starter's public types ({@code Jwt*RoutePredicateFactory} is a pattern); nested
	 * public types belong with their enclosing type.
	 */
	private record JavaSurface(Set<String> userFacingNames, Set<String> notApiNames, Set<String> userFacing,
			Set<String> notApi) {

		static JavaSurface read() {
			String readme;
			try {
				readme = Files.readString(README, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			int start = readme.indexOf("\n## Java surface");
			assertThat(start).as("README's \"## Java surface\" section").isNotNegative();
			int end = readme.indexOf("\n## ", start + 1);
			String section = readme.substring(start, (end < 0) ? readme.length() : end);
			Set<String> userFacingNames = new TreeSet<>();
			Set<String> notApiNames = new TreeSet<>();
			boolean foundNotApi = false;
			for (String paragraph : section.split("\n\\s*\n")) {
				boolean notApi = paragraph.contains("not an API");
				foundNotApi |= notApi;
				Matcher code = CODE.matcher(paragraph);
				while (code.find()) {
					for (String word : code.group(1).split("[^A-Za-z0-9*@]+")) {
						Matcher name = TYPE_NAME.matcher(word);
						if (name.matches()) {
							(notApi ? notApiNames : userFacingNames).add(name.group(1));
						}
					}
				}
			}
			assertThat(foundNotApi).as("README's Java surface has a paragraph of types that are \"not an API\"")
				.isTrue();
			Set<String> userFacing = new TreeSet<>();
			Set<String> notApi = new TreeSet<>();
			for (JavaClass type : MAIN) {
				JavaClass top = topLevel(type);
				if (!top.getModifiers().contains(JavaModifier.PUBLIC) || !isPublicAllTheWay(type)) {
					continue;
				}
				if (top.isAnnotatedWith(AutoConfiguration.class)
						|| userFacingNames.stream().anyMatch((name) -> matches(name, top.getSimpleName()))) {
					userFacing.add(type.getName());
				}
				else if (notApiNames.stream().anyMatch((name) -> matches(name, top.getSimpleName()))) {
					notApi.add(type.getName());
				}
			}
			return new JavaSurface(userFacingNames, notApiNames, userFacing, notApi);
		}

		private static JavaClass topLevel(JavaClass type) {
			JavaClass top = type;
			while (top.getEnclosingClass().isPresent()) {
				top = top.getEnclosingClass().get();
			}
			return top;
		}

		private static boolean isPublicAllTheWay(JavaClass type) {
			for (JavaClass current = type; current != null; current = current.getEnclosingClass().orElse(null)) {
				if (!current.getModifiers().contains(JavaModifier.PUBLIC)) {
					return false;
				}
			}
			return true;
		}

	}

}
