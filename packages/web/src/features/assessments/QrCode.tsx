import { useEffect, useState } from 'react';
import { Anchor, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from '../../i18n';

/** Quiet zone around the code, in modules: ISO/IEC 18004 asks for four. */
const QUIET_ZONE = 4;

type Drawn = { text: string; size: number; path: string };

/** The QR code of `text` as an SVG path (one square per dark module), made by the qrcode package. */
async function drawQr(text: string): Promise<Drawn> {
  // Fetched when a code is first shown: the event page does not carry it.
  const { create } = await import('qrcode');
  // Level M (15 % of the code may be damaged): a printed poster or a screen held up in a room.
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  let path = '';
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col)) path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  return { text, size: modules.size + QUIET_ZONE * 2, path };
}

const svgText = (drawn: Drawn) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${drawn.size} ${drawn.size}" shape-rendering="crispEdges">` +
  `<rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="${drawn.path}"/></svg>`;

/** A QR code of a link, drawn in the browser, with a link to download it as an SVG file (for a poster or a slide). */
export function QrCode({ text, size, label, fileName, testId }: { text: string; size: number; label: string; fileName: string; testId: string }) {
  const { t } = useTranslation();
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    drawQr(text).then(
      (result) => live && setDrawn(result),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [text]);
  if (failed) return null;
  if (!drawn || drawn.text !== text) {
    return (
      <Center w={size} h={size}>
        <Loader size="sm" />
      </Center>
    );
  }
  return (
    <Stack gap={4} align="center" data-testid={testId} data-qr-text={text}>
      <svg width={size} height={size} viewBox={`0 0 ${drawn.size} ${drawn.size}`} shapeRendering="crispEdges" role="img" aria-label={label}>
        <rect width="100%" height="100%" fill="#fff" />
        <path fill="#000" d={drawn.path} />
      </svg>
      <Anchor size="sm" href={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(drawn))}`} download={fileName} data-testid={`${testId}-download`}>
        {t('assessments:link.downloadQr')}
      </Anchor>
    </Stack>
  );
}
