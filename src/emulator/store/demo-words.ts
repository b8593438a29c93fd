// What demo users (generate.ts) are drawn from: first and last names, departments with their job
// titles, usage locations with a plausible mobile prefix, phone models and security keys (with
// their AAGUIDs, so key listings look like a tenant's).
export const FIRST = ['Aaron', 'Abigail', 'Adrian', 'Aisha', 'Alan', 'Alicia', 'Amara', 'Andre', 'Anna', 'Arjun', 'Beatriz', 'Ben', 'Bianca', 'Carlos', 'Chen', 'Chloe', 'Daniel', 'Diana', 'Dmitri', 'Elena', 'Emeka', 'Emma', 'Farah', 'Felix', 'Fatima', 'Gabriel', 'Grace', 'Hana', 'Hugo', 'Ines', 'Isaac', 'Jade', 'James', 'Javier', 'Julia', 'Kai', 'Kenji', 'Laura', 'Leila', 'Liam', 'Lucia', 'Marco', 'Maria', 'Mateo', 'Mei', 'Nadia', 'Noah', 'Olivia', 'Omar', 'Priya', 'Rafael', 'Rosa', 'Sam', 'Sofia', 'Tariq', 'Thomas', 'Uma', 'Victor', 'Yara', 'Zoe'];
export const LAST = ['Adams', 'Ahmed', 'Alvarez', 'Andersen', 'Baker', 'Bauer', 'Brown', 'Castro', 'Chen', 'Clarke', 'Costa', 'Davies', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Gupta', 'Hansen', 'Hernandez', 'Ito', 'Jensen', 'Johnson', 'Kim', 'Kowalski', 'Kumar', 'Larsen', 'Lee', 'Lopez', 'Martin', 'Meyer', 'Moreau', 'Murphy', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Perez', 'Rossi', 'Santos', 'Schmidt', 'Silva', 'Singh', 'Smith', 'Sousa', 'Suzuki', 'Tanaka', 'Taylor', 'Thompson', 'Wagner', 'Walker', 'Wang', 'Weber', 'Williams', 'Wilson', 'Wong', 'Yamamoto', 'Young', 'Zhang'];
export const DEPARTMENTS: readonly [string, readonly string[]][] = [
  ['Sales', ['Sales Representative', 'Account Executive', 'Sales Manager']],
  ['Marketing', ['Marketing Assistant', 'Marketing Manager', 'Content Strategist']],
  ['Engineering', ['Software Engineer', 'Senior Engineer', 'Engineering Manager', 'Site Reliability Engineer']],
  ['IT', ['Help Desk Technician', 'Systems Administrator', 'Identity Engineer']],
  ['Finance', ['Accountant', 'Financial Analyst', 'Controller']],
  ['Human Resources', ['HR Generalist', 'Recruiter', 'HR Manager']],
  ['Operations', ['Operations Analyst', 'Logistics Coordinator', 'Director']],
  ['Retail', ['Store Associate', 'Retail Manager', 'Planner']],
  ['Legal', ['Paralegal', 'Counsel']],
  ['Research & Development', ['Researcher', 'Designer', 'Lab Technician']],
];
/** Usage location with its calling code and a mobile prefix, so numbers are plausible and valid. */
export const COUNTRIES: readonly [string, string, string][] = [['US', '1', '425'], ['US', '1', '206'], ['GB', '44', '77'], ['DE', '49', '151'], ['IN', '91', '98'], ['FR', '33', '6'], ['CA', '1', '604']];
export const PHONES = ['iPhone 15', 'iPhone 14 Pro', 'Pixel 8', 'Galaxy S24', 'iPhone 13', 'Pixel 7a'];
export const KEYS: readonly [string, string][] = [['YubiKey 5 NFC', 'cb69481e-8ff7-4039-93ec-0a2729a154a8'], ['YubiKey 5C', 'ee882879-721c-4913-9775-3dfcce97072a'], ['Feitian ePass', '833b721a-ff5f-4d00-bb2e-bdda3ec01e29']];
