import { unpublishableRanges } from './published.js';

test('a published manifest with workspace:, link: or file: ranges is named dependency by dependency', () => {
  const version = {
    name: '@snn/modules',
    version: '0.1.0',
    dependencies: { '@snn/core': 'workspace:^', 'onnx-proto': '^8.0.1', a: 'link:../a' },
    peerDependencies: { b: 'file:../b.tgz' },
    tarballUrl: 'http://127.0.0.1/x.tgz',
  };
  expect(unpublishableRanges(version)).toEqual([
    '@snn/modules@0.1.0 depends on @snn/core@workspace:^',
    '@snn/modules@0.1.0 depends on a@link:../a',
    '@snn/modules@0.1.0 depends on b@file:../b.tgz',
  ]);
  expect(
    unpublishableRanges({ ...version, dependencies: { '@snn/core': '^0.1.0' }, peerDependencies: {} }),
  ).toEqual([]);
});
