package io.github.jwtstarter.authorization;

import io.github.jwtstarter.authorization.servlet.RbacAuthorizationManager;

/**
 * {@link ApplicationAuthorizationHttpTests} on the servlet stack (Tomcat).
 */
class ServletApplicationAuthorizationHttpTests extends ApplicationAuthorizationHttpTests {

	@Override
	Object rbacManager() {
		return this.context.getBean(RbacAuthorizationManager.class);
	}

}
