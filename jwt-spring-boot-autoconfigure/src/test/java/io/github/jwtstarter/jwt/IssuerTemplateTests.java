package io.github.jwtstarter.jwt;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link IssuerTemplate}: which issuers a template accepts and what tenant it
 * takes from them, never one that could change a URL's structure.
 */
class IssuerTemplateTests {

	private static final IssuerTemplate REALMS = IssuerTemplate.of("https://kc.example.com/realms/{tenant}");

	private static final IssuerTemplate ENTRA = IssuerTemplate.of("https://login.microsoftonline.com/{tenant}/v2.0");

	@Test
	void tenantWhenOneSegmentThenTakenFromTheIssuer() {
		assertThat(REALMS.tenant("https://kc.example.com/realms/acme")).isEqualTo("acme");
		assertThat(ENTRA.tenant("https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0"))
			.isEqualTo("9188040d-6c67-4c5b-b112-36a304b66dad");
	}

	@Test
	void tenantWhenIssuerHasAnotherShapeThenNull() {
		assertThat(REALMS.tenant("https://kc.example.com/realms/")).isNull();
		assertThat(REALMS.tenant("https://kc.example.com/realm/acme")).isNull();
		assertThat(REALMS.tenant("http://kc.example.com/realms/acme")).isNull();
		assertThat(ENTRA.tenant("https://login.microsoftonline.com/acme/v1.0")).isNull();
		assertThat(ENTRA.tenant("https://login.microsoftonline.com/v2.0")).isNull();
	}

	@Test
	void tenantWhenItCouldChangeTheUrlThenNull() {
		for (String tenant : List.of("acme/admin", "..", ".", "acme?x=1", "acme#x", "a@evil.example", "a%2Fb", "a b",
				"a\\b", "ä", "a:1")) {
			assertThat(REALMS.tenant("https://kc.example.com/realms/" + tenant)).as(tenant).isNull();
		}
		assertThat(REALMS.tenant("https://kc.example.com/realms/" + "a".repeat(256))).isNull();
		assertThat(REALMS.tenant("https://kc.example.com/realms/" + "a".repeat(255))).isNotNull();
	}

	@Test
	void tenantWhenAllowListThenOnlyItsTenants() {
		IssuerTemplate template = REALMS.withTenants(List.of("acme", "globex"));
		assertThat(template.tenant("https://kc.example.com/realms/acme")).isEqualTo("acme");
		assertThat(template.tenant("https://kc.example.com/realms/initech")).isNull();
		assertThat(template.tenant("https://kc.example.com/realms/ACME")).isNull();
		assertThat(template.isAllowListed("acme")).isTrue();
		assertThat(REALMS.isAllowListed("acme")).isFalse();
	}

	@Test
	void tenantWhenPatternThenTheWholeTenantMustMatch() {
		IssuerTemplate template = REALMS.withTenantPattern("[a-z]{2,8}");
		assertThat(template.tenant("https://kc.example.com/realms/acme")).isEqualTo("acme");
		assertThat(template.tenant("https://kc.example.com/realms/acme1")).isNull();
		assertThat(REALMS.withTenantPattern(".*").tenant("https://kc.example.com/realms/a/b")).as("still one segment")
			.isNull();
	}

	@Test
	void issuerAndExpandPutTheTenantInPlace() {
		assertThat(REALMS.issuer("acme")).isEqualTo("https://kc.example.com/realms/acme");
		assertThat(
				IssuerTemplate.expand("https://kc.example.com/realms/{tenant}/protocol/openid-connect/certs", "acme"))
			.isEqualTo("https://kc.example.com/realms/acme/protocol/openid-connect/certs");
		assertThatIllegalArgumentException().isThrownBy(() -> REALMS.issuer("a/b"));
	}

	@Test
	void ofWhenNotExactlyOnePlaceholderAfterSomeTextThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> IssuerTemplate.of("https://kc.example.com/realms/acme"));
		assertThatIllegalArgumentException().isThrownBy(() -> IssuerTemplate.of("https://{tenant}.example/{tenant}"));
		assertThatIllegalArgumentException().isThrownBy(() -> IssuerTemplate.of("{tenant}"));
		assertThatIllegalArgumentException().isThrownBy(() -> REALMS.withTenants(List.of("a/b")));
		assertThatIllegalArgumentException().isThrownBy(() -> REALMS.withTenants(List.of()));
	}

	@Test
	void overlapsWhenAnIssuerCouldMatchBoth() {
		IssuerTemplate v2 = IssuerTemplate.of("https://kc.example.com/{tenant}/v2");
		assertThat(REALMS.overlaps(v2)).as("https://kc.example.com/realms/v2").isTrue();
		assertThat(REALMS.overlaps(ENTRA)).isFalse();
		assertThat(ENTRA.overlaps(IssuerTemplate.of("https://login.microsoftonline.com/{tenant}/"))).isFalse();
		assertThat(REALMS.withTenants(List.of("acme")).overlaps(REALMS.withTenants(List.of("globex")))).isFalse();
		assertThat(REALMS.withTenants(List.of("acme")).overlaps(REALMS.withTenantPattern("[a-z]+"))).isTrue();
		assertThat(REALMS.withTenantPattern("[0-9]+").overlaps(REALMS.withTenants(List.of("acme")))).isFalse();
	}

}
