/**
 * 志愿者编号: ZYZ and the person's id in eight digits. It is printed on certificates and the volunteer's own page,
 * so it is what an organiser has at hand when he looks a volunteer up (issue 17, item 4).
 */
export function volunteerNo(personId: number): string {
  return `ZYZ${String(personId).padStart(8, '0')}`;
}

/** The person's id of a 志愿者编号 as typed (any case), or null when the text is not one. */
export function personIdOfVolunteerNo(text: string): number | null {
  const m = /^ZYZ(\d{8})$/i.exec(text.trim());
  return m ? Number(m[1]) || null : null;
}
