import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files of the cluster's throwaway PKI, all in the cluster directory. */
export interface ClusterCerts {
  caCert: string;
  caKey: string;
  servingCert: string;
  servingKey: string;
  adminCert: string;
  adminKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
}

/**
 * Creates a one-week CA (ECDSA P-256), the API server's serving certificate (localhost, 127.0.0.1), an admin client
 * certificate in group system:masters, and the service-account signing key pair, with openssl.
 */
export function createCerts(dir: string): ClusterCerts {
  const f = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-days', '7', '-subj', '/CN=fjord-test-cluster-ca', '-keyout', f('ca.key'), '-out', f('ca.crt'));

  /** Issues `<name>.key` and `<name>.crt` for `subject`, signed by the CA, with the X.509 extensions in `extensions`. */
  const issue = (name: string, subject: string, extensions: string) => {
    writeFileSync(f(`${name}.ext`), extensions);
    openssl('req', ...ec, '-subj', subject, '-keyout', f(`${name}.key`), '-out', f(`${name}.csr`));
    openssl(
      'x509',
      '-req',
      '-in',
      f(`${name}.csr`),
      '-CA',
      f('ca.crt'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-days',
      '7',
      '-out',
      f(`${name}.crt`),
      '-extfile',
      f(`${name}.ext`),
    );
  };
  issue('apiserver', '/CN=localhost', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  issue('admin', '/O=system:masters/CN=admin', 'extendedKeyUsage=clientAuth\n');

  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', f('sa.key'));
  openssl('ec', '-in', f('sa.key'), '-pubout', '-out', f('sa.pub'));
  return {
    caCert: f('ca.crt'),
    caKey: f('ca.key'),
    servingCert: f('apiserver.crt'),
    servingKey: f('apiserver.key'),
    adminCert: f('admin.crt'),
    adminKey: f('admin.key'),
    serviceAccountKey: f('sa.key'),
    serviceAccountPub: f('sa.pub'),
  };
}

/** An admin kubeconfig for the cluster at `server`, with the certificates inlined so it can be copied anywhere. */
export function adminKubeconfig(server: string, certs: ClusterCerts): string {
  const b64 = (path: string) => execFileSync('base64', ['-w0', path]).toString();
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: fjord-test',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${b64(certs.caCert)}`,
    'users:',
    '- name: admin',
    '  user:',
    `    client-certificate-data: ${b64(certs.adminCert)}`,
    `    client-key-data: ${b64(certs.adminKey)}`,
    'contexts:',
    '- name: fjord-test',
    '  context: {cluster: fjord-test, user: admin}',
    'current-context: fjord-test',
    '',
  ].join('\n');
}
