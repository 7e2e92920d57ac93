// SPDX-License-Identifier: Apache-2.0
// Dashboard labels in English and Korean. t(key) returns the label in the chosen language; the
// choice is kept in localStorage. Every key exists in both languages (checked by the type).

export type Lang = 'en' | 'ko';

const en = {
  appTitle: 'urbanmine',
  appSubtitle: 'Waste EV batteries and critical minerals',
  navOverview: 'Overview',
  navScenarios: 'Scenarios',
  navRuns: 'Runs',
  navFlows: 'Flows',
  navSeries: 'Time series',
  navRisk: 'Supply risk',
  navPolicy: 'Policy',
  navMarket: 'Markets',
  navPlant: 'Plant',
  navEvents: 'Event',
  language: '한국어',
  serverStatus: 'Server',
  version: 'Version',
  ok: 'running',
  unavailable: 'This server does not offer this yet.',
  loading: 'Loading…',
  error: 'Error',
  hint: 'What to do',
  where: 'Where',
  scenarios: 'Scenarios',
  scenarioName: 'Name',
  scenarioId: 'Id',
  created: 'Created',
  newScenario: 'New scenario',
  scenarioToml: 'Scenario (TOML)',
  mainParameters: 'Main parameters',
  mainLevers: 'Main levers (each adds its table to the TOML)',
  leverAdd: 'Add to the scenario',
  leverNeedsValue: 'Give a value first.',
  leverCollection: 'Collection rate',
  leverChemistry: 'Chemistry path (LFP share of new batteries)',
  leverCapacity: 'Recycling capacity',
  leverTrade: 'Trade of feedstock between regions',
  leverGrowth: 'Sales growth family',
  pRegion: 'Region',
  pYear: 'Year',
  pFromYear: 'From year',
  pToYear: 'To year',
  pFirstYear: 'First year',
  pLastYear: 'Last year',
  pSeed: 'Random seed',
  pGrowth: 'Sales growth per year',
  pGrowthPeriod: 'sales growth period',
  pSecondLifeShare: 'Share of packs given a second life',
  pCollection: 'Collected share of waste batteries',
  pCapacity: 'Capacity, t per year',
  pLfpShare: 'LFP share',
  pTradeEnabled: 'Allowed',
  create: 'Create',
  validate: 'Validate',
  validOk: 'No problems found.',
  run: 'Run',
  runBaseline: 'Run the baseline',
  runs: 'Runs',
  state: 'State',
  progress: 'Progress',
  stage: 'Stage',
  elapsed: 'Elapsed (s)',
  open: 'Open',
  noRuns: 'No runs yet. Start one from a scenario.',
  noScenarios: 'No scenarios yet.',
  chooseRun: 'Run',
  year: 'Year',
  element: 'Element',
  region: 'Region',
  table: 'Table',
  sankeyTitle: 'Material flows',
  seriesTitle: 'Time series by region and element',
  download: 'Download',
  downloadCsv: 'CSV',
  report: 'Report',
  workbook: 'Excel workbook',
  summary: 'Summary',
  findings: 'Findings',
  riskTitle: 'Supply risk by element',
  policyTitle: 'Policy rules checked against the run',
  pass: 'pass',
  fail: 'fail',
  marketTitle: 'Country ranking for a recycler',
  scoreParts: 'Score parts',
  plantTitle: 'Recycling plant balance',
  chemistry: 'Chemistry',
  massTonnes: 'Feed (tonnes)',
  route: 'Route',
  compute: 'Compute',
  prices: 'prices',
  eventTitle: 'Partnering event',
  uploadProfiles: 'Participant profiles (CSV or JSON)',
  metBefore: 'Met before: earlier events whose pairs are not proposed again unless requested',
  upload: 'Upload',
  schedule: 'Schedule',
  makeSchedule: 'Make schedule',
  maxMin: 'Fairness first (max-min): the most meetings everyone is guaranteed, then the weights',
  guaranteed: 'Every participant holds at least {k} meetings (or all its own data allows)',
  levelProven: 'more is proven impossible',
  levelNotFound: 'more was not found within the time limit',
  levelBeyond: 'nobody could hold more',
  heldBelow: 'held below it by their own availability, partners or caps',
  savedEvents: 'Saved events',
  eventName: 'Event',
  participants: 'Participants',
  cancelled: 'Cancelled',
  cancelParticipant: 'Cancel participant',
  keepBonus: 'Keep bonus per meeting',
  reschedule: 'Reschedule',
  interpreter: 'Interpreter',
  delegation: 'Their delegation',
  editHelp: 'Edit the schedule: drag a meeting to a free table, or onto another meeting to swap them (or click it, then its new place). A moved meeting is locked; 🔒 locks or unlocks one. Re-optimise schedules every unlocked meeting again around the locked ones.',
  lock: 'Lock',
  unlock: 'Unlock',
  editedObjective: 'Objective of the edit',
  editDelta: '{delta} against the schedule’s {saved}',
  editNoViolation: 'no rule broken',
  editViolations: 'rules broken',
  editReoptimise: 'Re-optimise the unlocked rest',
  editSave: 'Keep this schedule',
  editRemove: 'Remove the selected meeting',
  editDiscard: 'Discard the edit',
  country: 'Country',
  orgType: 'Organisation type',
  slot: 'Slot',
  tableNo: 'Table',
  agenda: 'Agenda',
  person: 'Person',
  downloadIcs: 'Download ICS',
  dealSheets: 'Deal sheets for this agenda',
  dealSheetsAll: 'all meetings',
  dealSheetsNeedRun: 'Deal sheets need a finished run: run the baseline first.',
  meetings: 'Meetings',
  objective: 'Objective',
  empty: '—',
  needRun: 'Run a scenario first: this page shows the results of the selected run.',
  weight: 'Weight',
  allRegions: 'All regions (sum)',
  allElements: 'Every element',
  supplyStage: 'Supply stage',
  date: 'Date',
  hhiTitle: 'Supply concentration of one element (HHI)',
  navCompare: 'Compare',
  compareTitle: 'Compare two runs',
  referenceRun: 'Reference run',
  comparedRun: 'Compared run',
  compareGo: 'Compare',
  compareNeedsTwo: 'A comparison needs two finished runs: create a scenario and run it, then come back.',
  comparePage: 'Comparison page',
  allDifferences: 'Every difference (CSV)',
  figure: 'Figure',
  difference: 'Difference',
  differencePercent: 'Difference (%)',
  ovLatest: 'Latest run',
  ovEolGwh: 'batteries reaching end of life, world,',
  ovEolLi: 'lithium in waste batteries, world,',
  ovRecoveredLi: 'lithium recovered by recycling, world,',
  ovShareLi: 'of new-battery lithium from recycling, world,',
  ovChartTitle: 'Lithium in waste batteries and recovered by recycling (t)',
  ovEol: 'In waste batteries',
  ovRecovered: 'Recovered',
  navMap: 'Map',
  mapTitle: 'World map',
  mapMetric: 'Show',
  mapEol: 'Metal in waste batteries',
  mapStranded: 'Stranded feedstock (no capacity takes it)',
  mapGroups: 'Groups of countries (not shaded on the map)',
};

type Labels = typeof en;

const ko: Labels = {
  appTitle: 'urbanmine',
  appSubtitle: '폐전기차 배터리와 핵심광물',
  navOverview: '개요',
  navScenarios: '시나리오',
  navRuns: '실행',
  navFlows: '물질 흐름',
  navSeries: '시계열',
  navRisk: '공급 위험',
  navPolicy: '정책',
  navMarket: '시장',
  navPlant: '재활용 공장',
  navEvents: '행사',
  language: 'English',
  serverStatus: '서버',
  version: '버전',
  ok: '작동 중',
  unavailable: '이 서버는 아직 이 기능을 제공하지 않습니다.',
  loading: '불러오는 중…',
  error: '오류',
  hint: '조치 방법',
  where: '위치',
  scenarios: '시나리오',
  scenarioName: '이름',
  scenarioId: 'ID',
  created: '생성 시각',
  newScenario: '새 시나리오',
  scenarioToml: '시나리오 (TOML)',
  mainParameters: '주요 매개변수',
  mainLevers: '주요 정책 수단 (각각 TOML에 표를 추가)',
  leverAdd: '시나리오에 추가',
  leverNeedsValue: '먼저 값을 입력하십시오.',
  leverCollection: '수거율',
  leverChemistry: '화학계 경로 (신규 배터리 중 LFP 비율)',
  leverCapacity: '재활용 처리능력',
  leverTrade: '지역 간 재활용 원료 교역',
  leverGrowth: '판매 성장 경로',
  pRegion: '지역',
  pYear: '연도',
  pFromYear: '시작 연도',
  pToYear: '종료 연도',
  pFirstYear: '첫 연도',
  pLastYear: '마지막 연도',
  pSeed: '난수 시드',
  pGrowth: '연간 판매 성장률',
  pGrowthPeriod: '판매 성장 구간',
  pSecondLifeShare: '재사용되는 배터리 팩 비율',
  pCollection: '폐배터리 수거 비율',
  pCapacity: '처리능력, 연간 t',
  pLfpShare: 'LFP 비율',
  pTradeEnabled: '허용',
  create: '만들기',
  validate: '검증',
  validOk: '문제가 없습니다.',
  run: '실행',
  runBaseline: '기준 시나리오 실행',
  runs: '실행 목록',
  state: '상태',
  progress: '진행률',
  stage: '단계',
  elapsed: '소요 시간 (초)',
  open: '열기',
  noRuns: '아직 실행이 없습니다. 시나리오에서 실행을 시작하세요.',
  noScenarios: '아직 시나리오가 없습니다.',
  chooseRun: '실행',
  year: '연도',
  element: '원소',
  region: '지역',
  table: '표',
  sankeyTitle: '물질 흐름',
  seriesTitle: '지역·원소별 시계열',
  download: '내려받기',
  downloadCsv: 'CSV',
  report: '보고서',
  workbook: '엑셀 통합 문서',
  summary: '요약',
  findings: '주요 결과',
  riskTitle: '원소별 공급 위험',
  policyTitle: '실행 결과에 대한 정책 규칙 점검',
  pass: '충족',
  fail: '미충족',
  marketTitle: '재활용 기업을 위한 국가 순위',
  scoreParts: '점수 구성',
  plantTitle: '재활용 공장 물질 수지',
  chemistry: '화학 조성',
  massTonnes: '투입량 (톤)',
  route: '공정',
  compute: '계산',
  prices: '가격 기준',
  eventTitle: '파트너링 행사',
  uploadProfiles: '참가자 프로필 (CSV 또는 JSON)',
  metBefore: '이전 만남: 요청이 없으면 다시 제안하지 않을 쌍이 있는 이전 행사',
  upload: '올리기',
  schedule: '일정',
  makeSchedule: '일정 만들기',
  maxMin: '공정성 우선(max-min): 모두에게 보장되는 미팅 수를 먼저 최대화한 뒤 가중치',
  guaranteed: '모든 참가자가 최소 {k}회 미팅(또는 자신의 조건이 허용하는 만큼)',
  levelProven: '그 이상은 불가능함이 증명됨',
  levelNotFound: '그 이상은 시간 제한 안에 찾지 못함',
  levelBeyond: '누구도 그 이상은 불가능',
  heldBelow: '자신의 참석 가능 시간, 상대 또는 상한 때문에 그보다 적은 참가자',
  savedEvents: '저장된 행사',
  eventName: '행사',
  participants: '참가자 수',
  cancelled: '취소',
  cancelParticipant: '참가 취소자',
  keepBonus: '미팅 유지 가중치',
  reschedule: '일정 다시 짜기',
  interpreter: '통역사',
  delegation: '상대 참석자',
  editHelp: '일정 편집: 미팅을 빈 테이블로 끌어 옮기거나 다른 미팅 위에 놓아 서로 바꿉니다(또는 미팅을 누른 뒤 옮길 자리를 누릅니다). 옮긴 미팅은 고정됩니다. 🔒로 고정하거나 풉니다. 나머지 최적화는 고정되지 않은 미팅을 고정된 미팅에 맞춰 다시 배정합니다.',
  lock: '고정',
  unlock: '고정 해제',
  editedObjective: '편집안의 목적함수 값',
  editDelta: '현재 일정 {saved} 대비 {delta}',
  editNoViolation: '위반한 규칙 없음',
  editViolations: '위반한 규칙',
  editReoptimise: '고정되지 않은 나머지 최적화',
  editSave: '이 일정으로 확정',
  editRemove: '선택한 미팅 삭제',
  editDiscard: '편집 취소',
  country: '국가',
  orgType: '기관 유형',
  slot: '시간대',
  tableNo: '테이블',
  agenda: '개인 일정',
  person: '참가자',
  downloadIcs: 'ICS 내려받기',
  dealSheets: '이 일정의 면담 자료',
  dealSheetsAll: '전체 면담',
  dealSheetsNeedRun: '면담 자료에는 완료된 시나리오 실행이 필요합니다: 먼저 기준 시나리오를 실행하세요.',
  meetings: '미팅',
  objective: '목적함수 값',
  empty: '—',
  needRun: '먼저 시나리오를 실행하세요. 이 페이지는 선택한 실행의 결과를 보여 줍니다.',
  weight: '가중치',
  allRegions: '전체 지역 (합계)',
  allElements: '모든 원소',
  supplyStage: '공급 단계',
  date: '날짜',
  hhiTitle: '원소별 공급 집중도 (HHI)',
  navCompare: '비교',
  compareTitle: '두 실행 비교',
  referenceRun: '기준 실행',
  comparedRun: '비교 실행',
  compareGo: '비교하기',
  compareNeedsTwo: '비교하려면 완료된 실행이 두 개 필요합니다. 시나리오를 만들어 실행한 뒤 다시 오십시오.',
  comparePage: '비교 페이지',
  allDifferences: '모든 차이 (CSV)',
  figure: '항목',
  difference: '차이',
  differencePercent: '차이 (%)',
  ovLatest: '최근 실행',
  ovEolGwh: '수명이 다한 배터리, 세계,',
  ovEolLi: '폐배터리 속 리튬, 세계,',
  ovRecoveredLi: '재활용으로 회수한 리튬, 세계,',
  ovShareLi: '신규 배터리 리튬 중 재활용 비율, 세계,',
  ovChartTitle: '폐배터리 속 리튬과 재활용으로 회수한 리튬 (t)',
  ovEol: '폐배터리 속',
  ovRecovered: '회수',
  navMap: '지도',
  mapTitle: '세계 지도',
  mapMetric: '표시',
  mapEol: '폐배터리 속 금속',
  mapStranded: '처리 능력이 없는 원료 (적체)',
  mapGroups: '국가 묶음 (지도에 색칠하지 않음)',
};

const labels: Record<Lang, Labels> = { en, ko };
export type LabelKey = keyof Labels;

// What an API error code means, in Korean: the error box leads with it and shows the server's
// English message and hint as written (marked lang="en"). Codes: src/core/error.cpp and the
// server's own (unauthorized, payload_too_large, busy, ...).
const koreanErrors: Record<string, string> = {
  invalid_input: '입력이 올바르지 않습니다. 아래 위치의 값을 고쳐 다시 보내 주십시오.',
  not_found: '요청한 대상(실행, 행사, 표, 지역 등)을 찾을 수 없습니다.',
  conflict: '현재 상태에서는 할 수 없는 요청입니다(예: 일정이 아직 없거나 실행이 끝나지 않음).',
  infeasible: '주어진 조건을 모두 만족하는 해가 없습니다.',
  io: '서버가 파일이나 데이터베이스를 읽거나 쓰지 못했습니다.',
  internal: '서버 내부 오류입니다. 같은 요청을 다시 시도하고, 계속되면 알려 주십시오.',
  unauthorized: '쓰기 요청에는 토큰이 필요합니다(상단의 토큰 입력란).',
  forbidden: '이 요청은 허용되지 않습니다.',
  payload_too_large: '요청 본문이 서버의 허용 크기를 넘습니다.',
  busy: '서버가 다른 계산으로 바쁩니다. 잠시 후 다시 시도해 주십시오.',
  timeout: '계산이 제한 시간 안에 끝나지 않았습니다.',
  method_not_allowed: '이 주소는 이 방식의 요청을 받지 않습니다.',
  unsupported_media_type: '요청 본문의 형식(Content-Type)을 받을 수 없습니다.',
};

// The Korean sentence for an API error code (a generic one for a code not listed).
export function koreanError(code: string): string {
  return koreanErrors[code] ?? '요청을 처리하지 못했습니다.';
}

// The language: ?lang=ko|en in the page address (remembered), else the one chosen before, else
// the browser's (Korean when any preferred language is Korean).
function initialLang(): Lang {
  const fromAddress = new URLSearchParams(window.location.search).get('lang');
  if (fromAddress === 'ko' || fromAddress === 'en') {
    localStorage.setItem('urbanmine.lang', fromAddress);
    return fromAddress;
  }
  const stored = localStorage.getItem('urbanmine.lang');
  if (stored === 'ko' || stored === 'en') return stored;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return preferred.some((l) => (l ?? '').toLowerCase().startsWith('ko')) ? 'ko' : 'en';
}

let current: Lang = initialLang();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem('urbanmine.lang', next);
  document.documentElement.lang = next;
}

// The reports' message catalogue (GET /api/messages), loaded once per language: the report's
// names of tables, columns, coded values and places, so that the dashboard and report.html say
// the same thing. English pages keep the API's own names.
let catalogue: Record<string, string> = {};
let catalogueLang = '';

export async function loadCatalogue(): Promise<void> {
  if (current === 'en' || catalogueLang === current) return;
  try {
    const res = await fetch(`/api/messages?lang=${current}`);
    if (!res.ok) return;
    const body = (await res.json()) as { messages?: Record<string, string> };
    catalogue = body.messages ?? {};
    catalogueLang = current;
  } catch {
    // Without the catalogue the pages show the API's names.
  }
}

// The catalogue's text for `key` in Korean mode, else undefined.
export function msg(key: string): string | undefined {
  return current === 'ko' && catalogueLang === 'ko' ? catalogue[key] : undefined;
}

// Two English words in a row: prose a Korean page shows as written, marked lang="en".
export function isEnglishProse(text: string): boolean {
  return /\b[A-Za-z][a-z]+ [A-Za-z][a-z]+\b/.test(text);
}

export function t(key: LabelKey): string {
  return labels[current][key];
}

// Column names of API tables (snake_case with unit suffixes) made readable: "mass_tonnes" ->
// "mass (t)"; Korean adds the unit in the same form.
export function columnLabel(name: string): string {
  // Longest first: "price_usd_per_t" is USD per tonne, not "price usd per" in tonnes.
  const units: Array<[string, string]> = [
    ['_usd_per_t', ' (USD/t)'],
    ['_tonnes', ' (t)'],
    ['_kwh', ' (kWh)'],
    ['_fraction', ' (0–1)'],
    ['_usd', ' (USD)'],
    ['_t', ' (t)'],
  ];
  let base = name;
  let unit = '';
  for (const [suffix, shown] of units) {
    if (name.endsWith(suffix) && name.length > suffix.length) {
      base = name.slice(0, -suffix.length);
      unit = shown;
      break;
    }
  }
  const words = base.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1) + unit;
}
