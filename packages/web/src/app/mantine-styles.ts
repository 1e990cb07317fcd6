// Mantine's stylesheets for what the sign-in page and the loading and error screens use, instead of
// styles.css (every component, twice the bytes). The signed-in pages' components are in
// mantine-app-styles.ts, loaded with them. Kept in the order styles.css has them. A component new to
// the app needs its file (and those of the parts it is made of) in one of the two; the bundle-budget
// Playwright spec fails when a Mantine class the built JS uses has no rule in the built CSS.
import '@mantine/core/styles/baseline.css';
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import '@mantine/core/styles/UnstyledButton.css';
import '@mantine/core/styles/Paper.css';
import '@mantine/core/styles/Loader.css';
import '@mantine/core/styles/ActionIcon.css';
import '@mantine/core/styles/CloseButton.css';
import '@mantine/core/styles/Group.css';
import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/Alert.css';
import '@mantine/core/styles/Text.css';
import '@mantine/core/styles/Button.css';
import '@mantine/core/styles/Center.css';
import '@mantine/core/styles/PasswordInput.css';
import '@mantine/core/styles/Stack.css';
import '@mantine/core/styles/Title.css';
