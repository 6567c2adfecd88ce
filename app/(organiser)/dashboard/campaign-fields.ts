/** The campaign form's fields, in the order the form shows them; shared by the form and its actions. */
export const campaignFormFields = [
  'title',
  'slug',
  'summary',
  'letter',
  'addressees',
  'demands',
  'organisedBy',
  'goal',
  'deadline',
  'language',
] as const;
export type CampaignFormField = (typeof campaignFormFields)[number];
