/*
 * The public face of membership (issue 16, item 2): what other modules (admission, party) ask of the roster.
 * Its repositories stay private; a function another module needs is added here.
 */

/** League members of one org on a date (joined on or before it): those who may vote at its 支部大会. */
export { countMembersOfOrgOn } from './members.repository.ts';
/** 应到会人数 of a branch meeting checked against the branch's roster on its date. */
export { checkShouldAttend } from './roster.ts';
