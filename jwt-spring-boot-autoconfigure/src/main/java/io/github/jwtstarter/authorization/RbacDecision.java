package io.github.jwtstarter.authorization;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;

/**
 * A decision of {@link RbacRules}, so that a denial can be told apart from one of the
 * application's own rules (the 403 problem {@code detail} names the layer, never the
 * policy).
 */
public final class RbacDecision extends AuthorizationDecision {

	/**
	 * Request (exchange) attribute holding the denial where the stack's
	 * {@code AccessDeniedException} does not carry the decision (WebFlux).
	 */
	public static final String DENIED_ATTRIBUTE = RbacDecision.class.getName() + ".denied";

	static final RbacDecision GRANTED = new RbacDecision(true);

	static final RbacDecision DENIED = new RbacDecision(false);

	/**
	 * Returns whether a denial came from {@code jwt.rbac} rather than from the
	 * application's own rules or {@code @PreAuthorize}.
	 * @param denial the denial
	 * @return whether RBAC denied
	 */
	public static boolean isRbacDenial(AccessDeniedException denial) {
		return denial instanceof AuthorizationDeniedException denied
				&& denied.getAuthorizationResult() instanceof RbacDecision;
	}

	private RbacDecision(boolean granted) {
		super(granted);
	}

	@Override
	public String toString() {
		return "RbacDecision[granted=" + isGranted() + "]";
	}

}
