/**
 * The ten class scores as labelled bars. Scores are log-probabilities, firing rates or spike counts
 * depending on the preset; bars are scaled from the smallest to the largest so any of them reads.
 */
export function renderScores(list: HTMLOListElement, scores: readonly number[], predicted: number): void {
  const lo = Math.min(...scores);
  const hi = Math.max(...scores);
  list.replaceChildren(
    ...scores.map((s, digit) => {
      const li = document.createElement('li');
      li.className = digit === predicted ? 'predicted' : '';
      const name = document.createElement('span');
      name.textContent = String(digit);
      const bar = document.createElement('span');
      bar.className = 'bar';
      bar.style.width = `${hi > lo ? (100 * (s - lo)) / (hi - lo) : 100}%`;
      const value = document.createElement('span');
      value.className = 'value';
      value.textContent = s.toFixed(3);
      li.append(name, bar, value);
      li.setAttribute(
        'aria-label',
        `digit ${digit}: score ${s.toFixed(3)}${digit === predicted ? ', predicted' : ''}`,
      );
      return li;
    }),
  );
}
