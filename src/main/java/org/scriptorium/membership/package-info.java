/**
 * Plans, activation codes, memberships and the one entitlement rule.
 *
 * <p>The rules here are plain Java without Spring so they can be tested without a container:
 * {@link org.scriptorium.membership.MembershipPeriods} places memberships on the time line,
 * {@link org.scriptorium.membership.EntitlementRule} decides who may read what, and
 * {@link org.scriptorium.membership.ActivationCodes} makes and reads the codes sold in shops.
 */
package org.scriptorium.membership;
