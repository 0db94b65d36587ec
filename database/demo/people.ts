import { Random } from './random';

/**
 * Invented members of an invented association: names, countries with their regions, languages
 * and institutions, drawn deterministically so every demo install has the same people.
 */
export interface Country {
  code: string;
  region: string;
  languages: string[];
  cities: string[];
  weight: number;
}

export const COUNTRIES: Country[] = [
  { code: 'US', region: 'north-america', languages: ['en'], cities: ['Boston', 'Denver', 'Atlanta', 'Seattle', 'Chicago', 'Houston'], weight: 14 },
  { code: 'CA', region: 'north-america', languages: ['en', 'fr'], cities: ['Toronto', 'Montreal', 'Calgary'], weight: 4 },
  { code: 'GB', region: 'europe', languages: ['en'], cities: ['Leeds', 'Glasgow', 'Bristol', 'Edinburgh', 'Cardiff'], weight: 8 },
  { code: 'IE', region: 'europe', languages: ['en', 'ga'], cities: ['Dublin', 'Galway'], weight: 2 },
  { code: 'DE', region: 'europe', languages: ['de', 'en'], cities: ['Heidelberg', 'Leipzig', 'Hamburg'], weight: 3 },
  { code: 'FR', region: 'europe', languages: ['fr', 'en'], cities: ['Lyon', 'Lille', 'Toulouse'], weight: 3 },
  { code: 'ES', region: 'europe', languages: ['es', 'en'], cities: ['Valencia', 'Sevilla'], weight: 2 },
  { code: 'IT', region: 'europe', languages: ['it', 'en'], cities: ['Bologna', 'Padova'], weight: 2 },
  { code: 'NL', region: 'europe', languages: ['nl', 'en'], cities: ['Utrecht', 'Leiden'], weight: 2 },
  { code: 'SE', region: 'europe', languages: ['sv', 'en'], cities: ['Uppsala', 'Lund'], weight: 1 },
  { code: 'BR', region: 'latin-america', languages: ['pt', 'en'], cities: ['Porto Alegre', 'Recife', 'Campinas'], weight: 3 },
  { code: 'MX', region: 'latin-america', languages: ['es', 'en'], cities: ['Guadalajara', 'Monterrey'], weight: 2 },
  { code: 'AR', region: 'latin-america', languages: ['es'], cities: ['Rosario', 'Córdoba'], weight: 1 },
  { code: 'CO', region: 'latin-america', languages: ['es', 'en'], cities: ['Medellín', 'Cali'], weight: 1 },
  { code: 'NG', region: 'africa', languages: ['en', 'yo'], cities: ['Ibadan', 'Enugu', 'Lagos'], weight: 3 },
  { code: 'KE', region: 'africa', languages: ['en', 'sw'], cities: ['Nairobi', 'Eldoret'], weight: 2 },
  { code: 'GH', region: 'africa', languages: ['en'], cities: ['Kumasi', 'Accra'], weight: 1 },
  { code: 'ZA', region: 'africa', languages: ['en', 'af', 'zu'], cities: ['Durban', 'Cape Town'], weight: 2 },
  { code: 'EG', region: 'middle-east', languages: ['ar', 'en'], cities: ['Alexandria', 'Cairo'], weight: 2 },
  { code: 'JO', region: 'middle-east', languages: ['ar', 'en'], cities: ['Amman', 'Irbid'], weight: 1 },
  { code: 'IN', region: 'south-asia', languages: ['en', 'hi'], cities: ['Pune', 'Chennai', 'Lucknow', 'Kochi'], weight: 6 },
  { code: 'PK', region: 'south-asia', languages: ['en', 'ur'], cities: ['Lahore', 'Karachi'], weight: 2 },
  { code: 'BD', region: 'south-asia', languages: ['bn', 'en'], cities: ['Dhaka', 'Sylhet'], weight: 1 },
  { code: 'JP', region: 'east-asia', languages: ['ja', 'en'], cities: ['Osaka', 'Sendai'], weight: 2 },
  { code: 'KR', region: 'east-asia', languages: ['ko', 'en'], cities: ['Busan', 'Daegu'], weight: 1 },
  { code: 'CN', region: 'east-asia', languages: ['zh', 'en'], cities: ['Chengdu', 'Wuhan'], weight: 2 },
  { code: 'PH', region: 'southeast-asia', languages: ['en', 'tl'], cities: ['Cebu', 'Davao'], weight: 2 },
  { code: 'VN', region: 'southeast-asia', languages: ['vi', 'en'], cities: ['Hue', 'Da Nang'], weight: 1 },
  { code: 'MY', region: 'southeast-asia', languages: ['ms', 'en'], cities: ['Penang', 'Ipoh'], weight: 1 },
  { code: 'AU', region: 'oceania', languages: ['en'], cities: ['Adelaide', 'Brisbane', 'Perth'], weight: 3 },
  { code: 'NZ', region: 'oceania', languages: ['en', 'mi'], cities: ['Dunedin', 'Hamilton'], weight: 1 },
];

const GIVEN = [
  'Amara', 'Tomás', 'Ingrid', 'Kwame', 'Priya', 'Hiroshi', 'Lucía', 'Oluwaseun', 'Margot', 'Dmitri', 'Aisha', 'Callum',
  'Mei', 'Rafael', 'Sunita', 'Henrik', 'Zainab', 'Mateo', 'Chloé', 'Tariq', 'Freya', 'Jun', 'Adaeze', 'Nikolai',
  'Isabela', 'Arjun', 'Siobhan', 'Yusuf', 'Léa', 'Kenji', 'Wanjiru', 'Gabriel', 'Noor', 'Pieter', 'Ana', 'Samuel',
  'Farah', 'Elliot', 'Thandiwe', 'Luca', 'Hana', 'Diego', 'Ruth', 'Emeka', 'Saoirse', 'Vikram', 'Elena', 'Ji-woo',
  'Bongani', 'Marta', 'Omar', 'Astrid', 'Nadia', 'Felipe', 'Grace', 'Rohan', 'Ines', 'Kofi', 'Yara', 'Benedikt',
];
const FAMILY = [
  'Okafor', 'Lindqvist', 'Haddad', 'Moreau', 'Tanaka', 'Fernández', 'Mensah', 'Kowalski', 'Raman', 'Byrne', 'Silva',
  'Nakamura', 'Adeyemi', 'Schmidt', 'Castillo', 'Iyer', "O'Connell", 'Kariuki', 'Rossi', 'Nguyen', 'Achterberg', 'Park',
  'Abdullah', 'Dubois', 'Campbell', 'Mahlangu', 'Oliveira', 'Sato', 'Hussain', 'Novak', 'Petrovic', 'García', 'Chen',
  'Van Dijk', 'Mwangi', 'Bianchi', 'Kaur', 'Santos', 'Eriksen', 'Osei', 'Murphy', 'Rahman', 'Laurent', 'Kim', 'Ferreira',
  'Lee', 'Mukherjee', 'Walsh', 'Diallo', 'Horvat', 'Quispe', 'Takahashi', 'Bauer', 'Reyes', 'Ahmed', 'Ndlovu', 'Costa',
];
const INSTITUTION_KINDS = ['University Hospital', 'General Hospital', 'Medical School', 'Teaching Hospital', 'Health Institute', 'Regional Health Service', 'Children’s Hospital', 'Cancer Centre'];

export interface Person {
  key: string;
  givenName: string;
  familyName: string;
  displayName: string;
  email: string;
  country: Country;
  city: string;
  institution: string;
  languages: string[];
}

export const makePeople = (random: Random, count: number): Person[] => {
  const people: Person[] = [];
  const used = new Set<string>();
  const countryWeights = COUNTRIES.map((country) => [country, country.weight] as const);
  while (people.length < count) {
    const givenName = random.pick(GIVEN);
    const familyName = random.pick(FAMILY);
    const base = `${givenName}.${familyName}`
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase();
    let handle = base;
    for (let suffix = 2; used.has(handle); suffix += 1) handle = `${base}${suffix}`;
    used.add(handle);
    const country = random.weighted(countryWeights);
    const city = random.pick(country.cities);
    const languages = [...new Set([...country.languages.slice(0, random.int(1, country.languages.length)), ...(random.chance(0.8) ? ['en'] : [])])];
    people.push({
      key: handle,
      givenName,
      familyName,
      displayName: `${givenName} ${familyName}`,
      email: `${handle}@members.example.org`,
      country,
      city,
      institution: `${city} ${random.pick(INSTITUTION_KINDS)}`,
      languages,
    });
  }
  return people;
};
