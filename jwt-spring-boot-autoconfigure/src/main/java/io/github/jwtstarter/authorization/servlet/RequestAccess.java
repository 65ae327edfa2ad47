package io.github.jwtstarter.authorization.servlet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.util.Assert;

/**
 * The access rule the starter applies to a request in a chain that includes it:
 * {@code jwt.rbac} ({@link RbacAuthorizationManager}) first, then each
 * {@code AuthorizationManager<RequestAuthorizationContext>} bean of the application, in
 * order; the first denial decides. An application's manager adds to {@code jwt.rbac},
 * never replaces it.
 */
public final class RequestAccess {

	private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

	private RequestAccess() {
	}

	/**
	 * Returns the access rule of the given managers.
	 * @param managers the request authorization managers, RBAC's among them
	 * @return the rule, or {@code null} when there is nothing to check ({@code jwt.rbac}
	 * without policies and no manager of the application's)
	 */
	public static @Nullable AuthorizationManager<RequestAuthorizationContext> of(
			List<AuthorizationManager<RequestAuthorizationContext>> managers) {
		Assert.notNull(managers, "managers cannot be null");
		List<AuthorizationManager<RequestAuthorizationContext>> ordered = new ArrayList<>();
		for (AuthorizationManager<RequestAuthorizationContext> manager : managers) {
			if (!(manager instanceof RbacAuthorizationManager rbac) || rbac.getRules().isActive()) {
				ordered.add(manager);
			}
		}
		ordered.sort(Comparator.comparing((manager) -> !(manager instanceof RbacAuthorizationManager)));
		if (ordered.size() <= 1) {
			return ordered.isEmpty() ? null : ordered.get(0);
		}
		List<AuthorizationManager<RequestAuthorizationContext>> all = List.copyOf(ordered);
		return (authentication, context) -> {
			for (AuthorizationManager<RequestAuthorizationContext> manager : all) {
				AuthorizationResult result = manager.authorize(authentication, context);
				if (result != null && !result.isGranted()) {
					return result;
				}
			}
			return GRANTED;
		};
	}

}
