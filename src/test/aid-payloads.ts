import type { NewDonation, NewGrant } from '../modules/aid/aid.schemas.ts';
import type { PersonReference } from '../modules/people/people.schemas.ts';

/**
 * Bodies for the aid routes, sent through the app because the right to send them is what the tests are about
 * (a factory writing rows would skip it). Each test overrides only what it is about (STYLE.md).
 */

/** A company's 助学 donation to SL-A (POST /api/aid/donations). */
export function donationPayload(overrides: Partial<NewDonation> = {}): NewDonation {
  return {
    donor: '同心食品有限公司',
    donorKind: '单位',
    amount: 1000,
    donatedOn: '2026-03-01',
    program: '助学',
    orgCode: 'SL-A',
    ...overrides,
  };
}

/** A 助学 grant from SL-A (POST /api/aid/grants) to the person `who` names: personId, personRef or idNumber. */
export function grantPayload(who: PersonReference, overrides: Partial<NewGrant> = {}): NewGrant {
  return {
    ...who,
    amount: 100,
    grantedOn: '2026-03-02',
    program: '助学',
    orgCode: 'SL-A',
    reason: '家庭经济困难',
    school: '县第一中学',
    ...overrides,
  };
}
