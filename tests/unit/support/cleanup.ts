import { afterAll } from 'vitest';
import { removeFreshDbs } from './db';

// Every test file leaves no database open and no temp folder behind, also when a test fails.
afterAll(removeFreshDbs);
