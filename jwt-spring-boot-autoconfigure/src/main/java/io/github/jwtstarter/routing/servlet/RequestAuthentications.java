package io.github.jwtstarter.routing.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The Authentication of a servlet request: from the {@link SecurityContextHolder}, else
 * from the security context the JWT filter saved in a request attribute (a predicate
 * evaluated outside the security filter's thread context still sees it).
 */
final class RequestAuthentications {

	private static final String CONTEXT_ATTRIBUTE = RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME;

	private RequestAuthentications() {
	}

	static @Nullable Authentication of(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContextHolderStrategy()
			.getContext()
			.getAuthentication();
		if (authentication == null && request.getAttribute(CONTEXT_ATTRIBUTE) instanceof SecurityContext saved) {
			authentication = saved.getAuthentication();
		}
		return authentication;
	}

}
