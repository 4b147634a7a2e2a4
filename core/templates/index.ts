export { documentFromTemplate, parseTemplate, type Template, type TemplateFile } from './template.js'
