import { checkHrcStatement, type HrcStatementCheck } from '@/lib/campaigns/hrc/check-hrc-statement';
import type { DocumentContext } from '@/lib/documents/document-source';

/**
 * The HRC rules applied to what the statement would print. Call it with the supporters from
 * `readHrcOrganisations` before opening the response: any error means 422, not a file.
 */
export function hrcStatementProblems(context: DocumentContext, supporters: readonly string[], today: Date = context.generatedAt): HrcStatementCheck {
  const { title, letter, demands, language, hrc } = context.campaign;
  return checkHrcStatement({ title, letter, demands, language, hrc, supporters }, today);
}
