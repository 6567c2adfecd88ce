import type { Db, Tx } from '@/db/client';
import { consentTexts } from '@/db/schema';
import { defaultLocale, isLocale, type Locale } from '@/lib/i18n/locales';

/**
 * The consent wording shown beside the sign form's checkbox. Signing reveals a political
 * opinion (GDPR Art. 9), so consent must be explicit and provable: each signature stores
 * the version and locale, and the exact text of each version is kept in consent_texts.
 *
 * Changing a word means a new version, added below; earlier versions stay here word for word
 * (a unit test holds their fingerprints), so every stored signature points to the text its
 * signer saw, on any database, however new.
 */
export const CONSENT_VERSIONS: Record<string, Partial<Record<Locale, string>>> = {
  '2026-11-24': {
    en:
      'I sign this letter and agree that its organisers and Undersigned process what I give here (my name, email address, ' +
      'country, and any title, affiliation, organisation or group details) to verify and count my signature and to deliver ' +
      'the list of signatories to the addressees. If I chose public, my name and details are shown on this page and in the ' +
      'list delivered; if I chose confidential, only in the list delivered to the addressees; if I chose counted only, my ' +
      'name appears nowhere. The organisers may check the entries of notable people and organisations before naming them. ' +
      'My email address is never published. I can withdraw my signature at any time.',
    fr:
      'Je signe cette lettre et j’accepte que ses organisateurs et Undersigned traitent ce que je donne ici (mes nom, adresse ' +
      'e-mail, pays, et le cas échéant titre, affiliation, organisation ou groupe) afin de vérifier et de compter ma signature ' +
      'et de remettre la liste des signataires aux destinataires. Si j’ai choisi « public », mon nom et ces informations ' +
      'figurent sur cette page et dans la liste remise ; si j’ai choisi « confidentiel », seulement dans la liste remise aux ' +
      'destinataires ; si j’ai choisi « compté seulement », mon nom n’apparaît nulle part. Les organisateurs peuvent vérifier ' +
      'les inscriptions des personnalités et des organisations avant de les nommer. Mon adresse e-mail n’est jamais publiée. ' +
      'Je peux retirer ma signature à tout moment.',
  },
  // Plain language: one idea per line, and it now says who sees what at each level, what a
  // delivery means for a later withdrawal, what happens without confirmation, and how long we keep it.
  '2026-11-24.2': {
    en: [
      'I sign this letter. I agree that its organisers and Undersigned use what I give here for this signature only.',
      'What you collect: my name, my email address, my country, and any title, affiliation, organisation or group details I add.',
      'Why: to check that the signature is mine, to count it, and to give the list of signatories to the letter’s addressees.',
      'Public: anyone can see my name and details, on this website and in the list given to the addressees.',
      'Confidential: my name is only in the list given to the addressees. It is never on this website.',
      'Counted only: I am counted, but my name is in no list and on no page.',
      'In every case the organisers can see my details, and nobody else can see my email address.',
      'The organisers may check the details of well-known people and organisations before they show them.',
      'If I do not confirm by email within 7 days, I am not counted, and my details are deleted.',
      'I can withdraw my signature at any time, with the link in the emails you send me or on the letter’s page. My details are then deleted. A list already given to the addressees cannot be taken back.',
      'You delete my name and email address when they are no longer needed. By default, that is 6 months after the letter closes or is delivered. The organisers may choose another date, never more than 24 months after.',
    ].join('\n'),
    fr: [
      'Je signe cette lettre. J’accepte que ses organisateurs et Undersigned utilisent ce que je donne ici pour cette signature seulement.',
      'Ce que vous recueillez : mon nom, mon adresse e-mail, mon pays, et le titre, l’affiliation, l’organisation ou le groupe que j’indique.',
      'Pourquoi : vérifier que la signature vient de moi, la compter, et remettre la liste des signataires aux destinataires de la lettre.',
      'Public : tout le monde peut voir mon nom et ces informations, sur ce site et dans la liste remise aux destinataires.',
      'Confidentiel : mon nom figure seulement dans la liste remise aux destinataires. Il n’apparaît jamais sur ce site.',
      'Compté seulement : je suis compté, mais mon nom ne figure dans aucune liste et sur aucune page.',
      'Dans tous les cas, les organisateurs voient mes informations, et personne d’autre ne voit mon adresse e-mail.',
      'Les organisateurs peuvent vérifier les informations des personnalités et des organisations avant de les afficher.',
      'Si je ne confirme pas par e-mail dans les 7 jours, je ne suis pas compté et mes informations sont supprimées.',
      'Je peux retirer ma signature à tout moment, avec le lien des e-mails que vous m’envoyez ou sur la page de la lettre. Mes informations sont alors supprimées. Une liste déjà remise aux destinataires ne peut pas être reprise.',
      'Vous supprimez mon nom et mon adresse e-mail quand ils ne sont plus nécessaires. Par défaut, c’est 6 mois après la clôture ou la remise de la lettre. Les organisateurs peuvent choisir une autre date, jamais plus de 24 mois après.',
    ].join('\n'),
    fa: [
      'من این نامه را امضا می‌کنم. موافقم که برگزارکنندگان آن و Undersigned اطلاعاتی را که اینجا می‌دهم فقط برای همین امضا به کار ببرند.',
      'آنچه جمع می‌کنید: نامم، نشانی ایمیلم، کشورم، و هر عنوان، وابستگی سازمانی، یا اطلاعات سازمان یا گروهی که اضافه کنم.',
      'چرا: برای اینکه مطمئن شوید امضا از خودم است، آن را بشمارید، و فهرست امضاکنندگان را به کسانی بدهید که نامه خطاب به آن‌هاست.',
      'عمومی: همه می‌توانند نام و اطلاعاتم را ببینند، در این وب‌سایت و در فهرستی که به گیرندگان نامه داده می‌شود.',
      'محرمانه: نامم فقط در فهرستی است که به گیرندگان نامه داده می‌شود. هرگز در این وب‌سایت نمی‌آید.',
      'فقط شمارش: امضایم شمرده می‌شود، اما نامم در هیچ فهرست و هیچ صفحه‌ای نمی‌آید.',
      'در همهٔ حالت‌ها برگزارکنندگان اطلاعاتم را می‌بینند، و هیچ کس دیگری نشانی ایمیلم را نمی‌بیند.',
      'برگزارکنندگان ممکن است اطلاعات افراد سرشناس و سازمان‌ها را پیش از نمایش بررسی کنند.',
      'اگر ظرف ۷ روز امضایم را با ایمیل تأیید نکنم، شمرده نمی‌شوم و اطلاعاتم پاک می‌شود.',
      'هر وقت بخواهم می‌توانم امضایم را پس بگیرم، با پیوندی که در ایمیل‌های شما هست یا در صفحهٔ نامه. آن وقت اطلاعاتم پاک می‌شود. فهرستی که پیش‌تر به گیرندگان داده شده، پس گرفته نمی‌شود.',
      'وقتی نام و نشانی ایمیلم دیگر لازم نباشد، آن‌ها را پاک می‌کنید. معمولاً این کار ۶ ماه پس از بسته شدن یا تحویل نامه انجام می‌شود. برگزارکنندگان می‌توانند تاریخ دیگری بگذارند، اما هرگز بیش از ۲۴ ماه پس از آن.',
    ].join('\n'),
    ar: [
      'أوقّع هذه الرسالة. وأوافق على أن يستخدم منظّموها ومنصة Undersigned ما أقدّمه هنا لهذا التوقيع فقط.',
      'ما تجمعونه: اسمي، وعنوان بريدي الإلكتروني، وبلدي، وأي صفة أو جهة انتماء أو بيانات منظمة أو مجموعة أضيفها.',
      'لماذا: للتحقق من أن التوقيع توقيعي، ولعدّه، ولتسليم قائمة الموقّعين إلى الجهات الموجّهة إليها الرسالة.',
      'علني: يمكن للجميع رؤية اسمي وبياناتي، على هذا الموقع وفي القائمة المسلّمة إلى الجهات المخاطَبة.',
      'سرّي: يرد اسمي فقط في القائمة المسلّمة إلى الجهات المخاطَبة. ولا يظهر أبدًا على هذا الموقع.',
      'للعدّ فقط: يُحتسب توقيعي، لكن اسمي لا يرد في أي قائمة ولا على أي صفحة.',
      'في جميع الحالات يرى المنظّمون بياناتي، ولا يرى أحد غيرهم عنوان بريدي الإلكتروني.',
      'قد يتحقق المنظّمون من بيانات الشخصيات المعروفة والمنظمات قبل إظهارها.',
      'إذا لم أؤكّد توقيعي عبر البريد الإلكتروني خلال 7 أيام، فلن يُحتسب، وتُحذف بياناتي.',
      'يمكنني سحب توقيعي في أي وقت، عبر الرابط الموجود في الرسائل التي ترسلونها إليّ أو من صفحة الرسالة. وعندها تُحذف بياناتي. أما القائمة التي سبق تسليمها إلى الجهات المخاطَبة فلا يمكن استرجاعها.',
      'تحذفون اسمي وعنوان بريدي الإلكتروني حين لا تعود هناك حاجة إليهما. ويكون ذلك عادةً بعد 6 أشهر من إغلاق الرسالة أو تسليمها. ويمكن للمنظّمين اختيار موعد آخر، على ألا يتجاوز 24 شهرًا بعد ذلك.',
    ].join('\n'),
  },
};

/** The version every new signature agrees to. */
export const CONSENT_VERSION = '2026-11-24.2';

export function consentText(locale: string): { version: string; locale: string; text: string } {
  const chosen = isLocale(locale) ? locale : defaultLocale;
  const current = CONSENT_VERSIONS[CONSENT_VERSION];
  const own = current[chosen];
  return own ? { version: CONSENT_VERSION, locale: chosen, text: own } : { version: CONSENT_VERSION, locale: defaultLocale, text: current[defaultLocale]! };
}

/** Every wording of every version, as stored in consent_texts. */
export function allConsentTexts(): { version: string; locale: string; text: string }[] {
  return Object.entries(CONSENT_VERSIONS).flatMap(([version, texts]) =>
    Object.entries(texts).map(([locale, text]) => ({ version, locale, text: text! })),
  );
}

/**
 * Makes sure every wording is on record; cheap and idempotent. A stored text is never
 * overwritten: it is what signers saw.
 */
export async function recordConsentTexts(db: Db | Tx): Promise<void> {
  await db.insert(consentTexts).values(allConsentTexts()).onConflictDoNothing({ target: [consentTexts.version, consentTexts.locale] });
}
