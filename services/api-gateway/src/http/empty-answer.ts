/** Argo CD's answer to a request with nothing to return (a delete, a logout, terminate-op): `{}`, once the work is done. */
export async function emptyAnswer(work: Promise<unknown>): Promise<object> {
  await work;
  return {};
}
