import type { AppProject } from '@fjord/argo';
import { field, strictObject } from './body';

const PROJECT_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'] as const;

/** A create or update request: Argo CD wraps the project as `{project: {...}, upsert}`. */
export interface ProjectRequest {
  project: AppProject;
  upsert: boolean;
}

/** Reads a project request body, refusing unknown fields. */
export function projectBody(body: unknown): ProjectRequest {
  const b = strictObject(body, ['project', 'upsert'], 'project request');
  return { project: strictObject(b.project, PROJECT_FIELDS, 'project') as unknown as AppProject, upsert: field(b, 'upsert', 'boolean') ?? false };
}

/** Reads a project role token request; `expiresIn` in seconds, 0 or absent for a token that never expires. */
export function tokenBody(body: unknown): { expiresIn: number } {
  const b = strictObject(body, ['project', 'role', 'expiresIn', 'description', 'id'], 'token request');
  return { expiresIn: Number(b.expiresIn ?? 0) };
}
