// The descriptive fields of a thesis, shared by the importers' input and the rows the Pairs screen
// and the export read, so both name each CAPES field the same way.

export interface ThesisFields {
  title: string;
  abstract: string | null;
  abstractEn: string | null;
  keywords: string | null;
  keywordsEn: string | null;
  programme: string | null;
  programmeCode: string | null;
  institution: string | null;
  institutionAcronym: string | null;
  /** Two-letter state of the institution. */
  uf: string | null;
  /** Two-letter state of the researcher. */
  researcherUf: string | null;
  region: string | null;
  grandeArea: string | null;
  area: string | null;
  subarea: string | null;
  especialidade: string | null;
  areaAvaliacao: string | null;
  degree: string | null;
  subtype: string | null;
  /** ISO date, YYYY-MM-DD. */
  defenceDate: string | null;
  year: number | null;
  concentrationArea: string | null;
  researchLine: string | null;
  project: string | null;
}
