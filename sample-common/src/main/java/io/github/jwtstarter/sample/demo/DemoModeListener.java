package io.github.jwtstarter.sample.demo;

import java.io.PrintStream;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Prints the demo banner when the application's web server is up, and stops the
 * {@link DemoIdentityProvider} when the application context closes.
 */
final class DemoModeListener implements SmartApplicationListener {

	private final ApplicationContext context;

	private final DemoIdentityProvider identityProvider;

	private final PrintStream out;

	DemoModeListener(ApplicationContext context, DemoIdentityProvider identityProvider) {
		this(context, identityProvider, System.out);
	}

	DemoModeListener(ApplicationContext context, DemoIdentityProvider identityProvider, PrintStream out) {
		this.context = context;
		this.identityProvider = identityProvider;
		this.out = out;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return WebServerInitializedEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof WebServerInitializedEvent initialized
				&& initialized.getApplicationContext().getServerNamespace() == null) {
			this.out.println(banner(initialized.getWebServer().getPort()));
		}
		else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == this.context) {
			this.identityProvider.close();
		}
	}

	String banner(int port) {
		DemoIdentityProvider idp = this.identityProvider;
		String base = "http://localhost:" + port;
		String rule = "=".repeat(78);
		return String.join("\n", "", rule, "  DEMO MODE — keys generated at startup, not for production",
				"  Providers: corp    -> " + idp.issuer(DemoIdentityProvider.CORP),
				"             partner -> " + idp.issuer(DemoIdentityProvider.PARTNER),
				"  Audience: " + DemoIdentityProvider.AUDIENCE + ". Tokens below are valid for "
						+ DemoIdentityProvider.TOKEN_LIFETIME.toHours() + " hour.",
				"  Turn off with --demo.enabled=false or by configuring jwt.providers.<id>.issuer.", rule, "",
				"export CORP_TOKEN='" + idp.corpToken("alice", "pets.read pets.write") + "'",
				"export CORP_EC_TOKEN='" + idp.corpEcToken("carol", "pets.read pets.write") + "'",
				"export PARTNER_TOKEN='" + idp.partnerToken("bob", "pets.read") + "'", "",
				"# 200: who am I (corp, RS256)", "curl -i " + base + "/whoami -H \"Authorization: Bearer $CORP_TOKEN\"",
				"", "# 200: list pets (partner, RS256)",
				"curl -i " + base + "/api/pets -H \"Authorization: Bearer $PARTNER_TOKEN\"", "",
				"# 201: add a pet (corp, ES256, scope pets.write)",
				"curl -i -X POST " + base + "/api/pets -H \"Authorization: Bearer $CORP_EC_TOKEN\""
						+ " -H 'Content-Type: application/json' -d '{\"name\":\"Rex\",\"kind\":\"dog\"}'",
				"", "# 403: partner tokens only carry pets.read",
				"curl -i -X POST " + base + "/api/pets -H \"Authorization: Bearer $PARTNER_TOKEN\""
						+ " -H 'Content-Type: application/json' -d '{\"name\":\"Rex\",\"kind\":\"dog\"}'",
				"", "# 401: no token", "curl -i " + base + "/api/pets", "", "# 200: public, no token needed",
				"curl -i " + base + "/public/hello", "", rule, "")
				+ (this.context.getEnvironment().matchesProfiles("canary") ? canary(base, rule) : "");
	}

	private String canary(String base, String rule) {
		return String.join("\n", "  CANARY PROFILE: org claim solo.io -> canary build, anything else -> primary", rule,
				"", "export SOLO_TOKEN='" + this.identityProvider.soloToken("dave", "pets.read") + "'", "",
				"# canary: org solo.io (copied into x-company, matched by @GetMapping(headers = ...))",
				"curl -s " + base + "/api/greeting -H \"Authorization: Bearer $SOLO_TOKEN\"", "",
				"# primary: org corp.example",
				"curl -s " + base + "/api/greeting -H \"Authorization: Bearer $CORP_TOKEN\"", "",
				"# primary: a client-sent x-company header is replaced by the verified claim",
				"curl -s " + base + "/api/greeting -H \"Authorization: Bearer $CORP_TOKEN\" -H 'x-company: solo.io'",
				"", "# the same with a RouterFunction and JwtRequestPredicates.claim(\"org\", \"solo.io\")",
				"curl -s " + base + "/api/greeting/fn -H \"Authorization: Bearer $SOLO_TOKEN\"",
				"curl -s " + base + "/api/greeting/fn -H \"Authorization: Bearer $PARTNER_TOKEN\"", "",
				"# 401: no token (the sample's policy is require-valid)",
				"curl -i " + base + "/api/greeting -H 'x-company: solo.io'", "", rule, "");
	}

}
