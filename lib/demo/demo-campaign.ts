import type { CampaignTranslation } from '@/db/schema';

/** Demo content for a fresh install: a fictional case, written for Undersigned. */
export const DEMO_SLUG = 'free-the-harbour-street-five';

export const demoCampaign = {
  slug: DEMO_SLUG,
  language: 'en',
  title: 'Free the Harbour Street Five',
  summary:
    'Five community radio journalists in the fictional Republic of Marendia have been held without charge for 14 months. We ask the UN to act.',
  organisedBy: 'Coalition for Press Freedom in Marendia (demo)',
  signerKinds: ['individual', 'notable', 'organisation', 'group'] as ('individual' | 'notable' | 'organisation' | 'group')[],
  place: 'Geneva',
  addressees: [
    {
      name: 'United Nations High Commissioner for Human Rights',
      role: 'Office of the High Commissioner for Human Rights (OHCHR)',
      postalAddress: 'Palais des Nations\nCH-1211 Geneva 10\nSwitzerland',
      email: null,
    },
    { name: 'UN Special Rapporteur on the situation of human rights defenders', role: null, postalAddress: null, email: null },
    { name: 'UN Working Group on Arbitrary Detention', role: null, postalAddress: null, email: null },
  ],
  demands: [
    'Call publicly for the immediate and unconditional release of the Harbour Street Five',
    'Request access for an independent medical examination of the detainees',
    'Raise the case at the next session of the Human Rights Council',
  ],
  goal: 1000,
  letter: `Excellency,

We, the undersigned organisations and individuals, write to draw your urgent attention to the case of the **Harbour Street Five**: Ana Velez, Tomas Orr, Miriam Haddad, Jonah Kessler and Ruth Amani, five journalists of the community station *Radio Harbour Street* in Port Seren, Republic of Marendia.

On 3 September 2025, security forces raided the station during a live broadcast about forced evictions in the harbour district. The five were taken to an undisclosed location. Fourteen months later they have not been charged, have not seen a judge, and their families have been allowed two visits in total.

Their detention appears to be a direct reprisal for their reporting. It violates articles 9, 14 and 19 of the International Covenant on Civil and Political Rights, which Marendia has ratified.

We respectfully ask you to:

1. call publicly for their immediate and unconditional release;
2. request access for an independent medical examination;
3. raise the case with the Government of Marendia and at the next session of the Human Rights Council.

Some of the people who sign this letter live in Marendia. We ask that their names, where they chose to withhold them, remain confidential.

Respectfully,

*The signatories*

> This is a demonstration letter about a fictional case. No real person or state is named.`,
};

export const demoTranslationFr: CampaignTranslation = {
  title: 'Libérez les Cinq de Harbour Street',
  summary:
    'Cinq journalistes d’une radio communautaire de la République fictive de Marendie sont détenus sans inculpation depuis 14 mois. Nous demandons à l’ONU d’agir.',
  demands: [
    'Appeler publiquement à la libération immédiate et inconditionnelle des Cinq de Harbour Street',
    'Demander l’accès pour un examen médical indépendant des détenus',
    'Soulever le cas lors de la prochaine session du Conseil des droits de l’homme',
  ],
  letter: `Excellence,

Nous, organisations et personnes soussignées, souhaitons attirer d’urgence votre attention sur le cas des **Cinq de Harbour Street** : Ana Velez, Tomas Orr, Miriam Haddad, Jonah Kessler et Ruth Amani, cinq journalistes de la station communautaire *Radio Harbour Street* à Port Seren, République de Marendie.

Le 3 septembre 2025, les forces de sécurité ont fait irruption dans la station pendant une émission en direct consacrée aux expulsions forcées dans le quartier du port. Les cinq journalistes ont été emmenés vers un lieu tenu secret. Quatorze mois plus tard, ils n’ont été ni inculpés ni présentés à un juge, et leurs familles n’ont été autorisées à leur rendre visite que deux fois.

Leur détention semble être une mesure de représailles directe contre leur travail. Elle viole les articles 9, 14 et 19 du Pacte international relatif aux droits civils et politiques, que la Marendie a ratifié.

Nous vous demandons respectueusement :

1. d’appeler publiquement à leur libération immédiate et inconditionnelle ;
2. de demander l’accès pour un examen médical indépendant ;
3. de soulever le cas auprès du Gouvernement de la Marendie et lors de la prochaine session du Conseil des droits de l’homme.

Certaines personnes qui signent cette lettre vivent en Marendie. Nous demandons que leurs noms, lorsqu’elles ont choisi de ne pas les rendre publics, restent confidentiels.

Veuillez agréer, Excellence, l’expression de notre haute considération.

*Les signataires*

> Ceci est une lettre de démonstration sur un cas fictif. Aucune personne ni aucun État réels ne sont nommés.`,
};

type DemoSigner = {
  kind: 'individual' | 'notable' | 'organisation' | 'group';
  givenName: string;
  familyName: string;
  country: string;
  visibility: 'public' | 'confidential' | 'counted';
  honorific?: string;
  title?: string;
  affiliation?: string;
  organisationName?: string;
  ecosocStatus?: 'general' | 'special' | 'roster' | 'none';
  groupLabel?: string;
  members?: number;
  review?: 'not-needed' | 'approved';
};

/** Fictional signatories of every kind; some confidential, some only counted. */
export const demoSignatures: DemoSigner[] = [
  { kind: 'notable', honorific: 'Prof.', givenName: 'Helena', familyName: 'Marsh', title: 'Professor of international law', affiliation: 'University of Northbridge (demo)', country: 'GB', visibility: 'public', review: 'approved' },
  { kind: 'notable', givenName: 'Jean-Luc', familyName: 'Perrin', title: 'Former UN Special Rapporteur on the independence of judges (2011–2017) (demo)', country: 'FR', visibility: 'public', review: 'approved' },
  { kind: 'organisation', givenName: 'Amara', familyName: 'Diallo', organisationName: 'Press Freedom Network (demo)', ecosocStatus: 'special', country: 'SN', visibility: 'public', review: 'approved' },
  { kind: 'organisation', givenName: 'Lucía', familyName: 'Ortega', organisationName: 'Comité de Soutien aux Journalistes Détenus (demo)', ecosocStatus: 'none', country: 'FR', visibility: 'public', review: 'approved' },
  { kind: 'individual', givenName: 'Sofia', familyName: 'Lindqvist', country: 'SE', visibility: 'public' },
  { kind: 'individual', givenName: 'فریده', familyName: 'محمدی', country: 'DE', visibility: 'confidential' },
  { kind: 'individual', givenName: 'Withheld', familyName: 'Demo', country: 'NL', visibility: 'counted' },
  { kind: 'group', givenName: 'Withheld', familyName: 'Demo', groupLabel: 'Family of a detained journalist (demo)', members: 6, country: 'NL', visibility: 'counted' },
];
