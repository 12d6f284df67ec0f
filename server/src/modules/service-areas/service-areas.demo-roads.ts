// Roads of the demo registry: real expressway and national-road numbers with the cities they
// cross in Guangdong (approximately — good enough for believable demo data).

export interface DemoRoad {
  road: string;
  roadClass: 'expressway' | 'national' | 'other';
  cities: string[];
  /** Directions of the two sides (expressways) or the single record of a national road. */
  directions: [string, string] | [string];
}

const NS: [string, string] = ['南行', '北行'];
const EW: [string, string] = ['东行', '西行'];
const BOTH: [string] = ['双侧'];

export const DEMO_ROADS: DemoRoad[] = [
  {
    road: 'G15 沈海高速',
    roadClass: 'expressway',
    directions: EW,
    cities: [
      '445100',
      '440500',
      '445200',
      '441500',
      '441300',
      '440300',
      '440700',
      '441700',
      '440900',
      '440800',
    ],
  },
  {
    road: 'G4 京港澳高速',
    roadClass: 'expressway',
    directions: NS,
    cities: ['440200', '441800', '440100', '441900', '440300'],
  },
  {
    road: 'G25 长深高速',
    roadClass: 'expressway',
    directions: NS,
    cities: ['441400', '441600', '441300', '440300'],
  },
  {
    road: 'G35 济广高速',
    roadClass: 'expressway',
    directions: NS,
    cities: ['441400', '441600', '441300', '440100'],
  },
  {
    road: 'G45 大广高速',
    roadClass: 'expressway',
    directions: NS,
    cities: ['441600', '440200', '440100'],
  },
  {
    road: 'G55 二广高速',
    roadClass: 'expressway',
    directions: NS,
    cities: ['441800', '440600', '441200'],
  },
  {
    road: 'G78 汕昆高速',
    roadClass: 'expressway',
    directions: EW,
    cities: ['440500', '445200', '441400', '441600', '440200', '441800'],
  },
  {
    road: 'G80 广昆高速',
    roadClass: 'expressway',
    directions: EW,
    cities: ['440100', '440600', '441200', '445300'],
  },
  {
    road: 'G94 珠三角环线高速',
    roadClass: 'expressway',
    directions: NS,
    cities: ['440100', '441900', '440300', '442000', '440400', '440700', '440600'],
  },
  { road: 'G65 包茂高速', roadClass: 'expressway', directions: NS, cities: ['440900'] },
  { road: 'G75 兰海高速', roadClass: 'expressway', directions: NS, cities: ['440800'] },
  {
    road: 'G0421 许广高速',
    roadClass: 'expressway',
    directions: NS,
    cities: ['440200', '441800', '440100'],
  },
  {
    road: 'G0423 乐广高速',
    roadClass: 'expressway',
    directions: NS,
    cities: ['440200', '441800', '440100'],
  },
  {
    road: 'G1523 甬莞高速',
    roadClass: 'expressway',
    directions: EW,
    cities: ['445100', '445200', '441500', '441300', '441900'],
  },
  {
    road: 'S2 广河高速',
    roadClass: 'expressway',
    directions: EW,
    cities: ['440100', '441300', '441600'],
  },
  {
    road: 'S14 汕湛高速',
    roadClass: 'expressway',
    directions: EW,
    cities: ['440500', '445200', '441600', '440100', '441200', '445300', '440900', '440800'],
  },
  {
    road: 'S20 潮惠高速',
    roadClass: 'expressway',
    directions: EW,
    cities: ['445100', '445200', '441500', '441300'],
  },
  {
    road: 'S32 西部沿海高速',
    roadClass: 'expressway',
    directions: NS,
    cities: ['440400', '440700'],
  },
  { road: 'S12 梅龙高速', roadClass: 'expressway', directions: EW, cities: ['441400'] },
  { road: 'S51 阳化高速', roadClass: 'expressway', directions: NS, cities: ['441700', '440900'] },
  {
    road: 'G105 国道',
    roadClass: 'national',
    directions: BOTH,
    cities: ['440200', '441800', '440100', '440600', '442000', '440400'],
  },
  {
    road: 'G106 国道',
    roadClass: 'national',
    directions: BOTH,
    cities: ['440200', '441800', '440100'],
  },
  {
    road: 'G107 国道',
    roadClass: 'national',
    directions: BOTH,
    cities: ['440200', '441800', '440100', '441900', '440300'],
  },
  {
    road: 'G205 国道',
    roadClass: 'national',
    directions: BOTH,
    cities: ['441400', '441600', '441300'],
  },
  {
    road: 'G206 国道',
    roadClass: 'national',
    directions: BOTH,
    cities: ['441400', '445100', '440500'],
  },
  {
    road: 'G207 国道',
    roadClass: 'national',
    directions: BOTH,
    cities: ['441200', '445300', '440900', '440800'],
  },
  {
    road: 'G228 国道',
    roadClass: 'national',
    directions: BOTH,
    cities: [
      '445100',
      '440500',
      '445200',
      '441500',
      '441300',
      '440700',
      '441700',
      '440900',
      '440800',
    ],
  },
  {
    road: 'G324 国道',
    roadClass: 'national',
    directions: BOTH,
    cities: [
      '440500',
      '445200',
      '441500',
      '441300',
      '440300',
      '440100',
      '440600',
      '441200',
      '445300',
    ],
  },
  {
    road: 'G325 国道',
    roadClass: 'national',
    directions: BOTH,
    cities: ['440100', '440600', '440700', '441700', '440900', '440800'],
  },
  {
    road: 'G355 国道',
    roadClass: 'national',
    directions: BOTH,
    cities: ['441400', '441600', '440200'],
  },
  {
    road: 'S335 省道',
    roadClass: 'other',
    directions: BOTH,
    cities: ['441800', '441400', '440700'],
  },
];

/** Place names for cities without county-level units in the code list (towns instead). */
export const EXTRA_PLACES: Record<string, string[]> = {
  '441900': ['虎门', '长安', '厚街', '常平', '塘厦', '石碣', '樟木头', '大岭山'],
  '442000': ['小榄', '三乡', '南朗', '坦洲', '黄圃', '古镇'],
  '440300': ['龙岗', '坪山', '光明', '观澜', '松岗'],
  '440400': ['斗门', '金湾', '唐家', '平沙'],
};
